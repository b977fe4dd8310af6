/**
 * Everything the course needs beyond the status bar: the content, the engine, the presenter.
 * Bundled into the extension, but required by the course feature only when the course is
 * first used, so that activation evaluates neither the lessons nor the scheduler.
 */
export { CoursePlayer } from '../../core/course/player';
export type { PlayerResult } from '../../core/course/player';
export { COURSE } from '../../core/course/content';
export { loadProgress, emptyProgress, withSeed } from '../../core/course/progress';
export { courseMarkdown, lessonMarkdown } from '../../core/course/export';
export { CoursePresenter } from './presenter';
export { courseCommand } from './intents';
