/**
 * The entry of dist/lessons.js: the course (content and engine) as the extension host uses
 * it. Loaded with `require` on first use, so that activation does not pay for it.
 */
export { CoursePlayer } from './player';
export type { PlayerResult } from './player';
export { COURSE } from './content';
export { loadProgress, emptyProgress, serializeProgress, withSeed } from './progress';
