/**
 * The course's messages as engine commands: each intent from a webview is one command of
 * the course engine, and nothing else. Resets are confirmed by the host first and do not
 * come here. No `vscode` import.
 */
import type { CourseIntent } from '../../shared/protocol';
import { assertNever, sandboxCommand } from '../../shared/protocol';
import type { CoursePlayer, PlayerResult } from '../../core/course/player';

/** Carries out `intent` on the engine (`now`: epoch milliseconds). */
export function courseCommand(player: CoursePlayer, intent: Exclude<CourseIntent, { type: 'course/reset' } | { type: 'course/openCapture' }>, now: number): PlayerResult {
  switch (intent.type) {
    case 'course/map':
      return player.showMap();
    case 'course/open':
      return player.open(intent.lesson);
    case 'course/continue':
      return player.continueCourse();
    case 'course/goto':
      return player.goto(intent.step);
    case 'course/next':
      return player.next(now);
    case 'course/back':
      return player.back();
    case 'course/answer':
      return player.answer(intent.question, intent.answer, now);
    case 'course/help':
      return player.help(intent.question, now);
    case 'course/reveal':
      return player.reveal(intent.question, now);
    case 'course/run':
      return player.run(intent.question, intent.which);
    case 'course/review':
      return player.review(now);
    case 'course/reviewNext':
      return player.reviewNext();
    case 'course/sandbox': {
      const command = sandboxCommand(intent.intent);
      if (!command) return { progressChanged: false, courseChanged: false, sandboxChanged: false, problem: `${intent.intent.type}: not available in a lesson's sandbox` };
      return player.sandboxCommand(command, now);
    }
    default:
      return assertNever(intent, 'course intent');
  }
}
