/**
 * Goal predicates for "make it happen" questions and for checking counterfactual runs,
 * evaluated over the read-only `GoalView` of a sandbox.
 */
import type { Goal, GoalView, SegmentRecord } from './types';

function segmentMatches(seg: SegmentRecord, want: Extract<Goal, { sent: unknown }>['sent']): boolean {
  if (want.from !== undefined && seg.from !== want.from) return false;
  if (want.flags !== undefined) {
    if (!want.flags.every((f) => seg.flags.includes(f))) return false;
    if (want.only && seg.flags.some((f) => !want.flags?.includes(f))) return false;
  }
  if (want.seq !== undefined && seg.seq !== want.seq) return false;
  if (want.ack !== undefined && seg.ack !== want.ack) return false;
  if (want.minLen !== undefined && seg.len < want.minLen) return false;
  return true;
}

/** True when the view satisfies the goal. Never throws on a well-formed goal. */
export function goalMet(goal: Goal, view: GoalView): boolean {
  if ('state' in goal) {
    const is = goal.state.is;
    const now = view.state(goal.state.endpoint);
    return typeof is === 'string' ? now === is : is.includes(now);
  }
  if ('sent' in goal) return view.segments.some((s) => segmentMatches(s, goal.sent));
  if ('result' in goal) {
    return view.results.some((r) => r.kind === goal.result.kind && (goal.result.endpoint === undefined || r.endpoint === goal.result.endpoint));
  }
  if ('stepsAtMost' in goal) return view.steps <= goal.stepsAtMost;
  if ('all' in goal) return goal.all.every((g) => goalMet(g, view));
  if ('any' in goal) return goal.any.some((g) => goalMet(g, view));
  return !goalMet(goal.not, view);
}

/** Every leaf of a goal, for validation and for drawing the target picture. */
export function goalLeaves(goal: Goal): Goal[] {
  if ('all' in goal) return goal.all.flatMap(goalLeaves);
  if ('any' in goal) return goal.any.flatMap(goalLeaves);
  if ('not' in goal) return goalLeaves(goal.not);
  return [goal];
}

/** Describes a goal in plain (English, technical) words, for the Markdown export. */
export function describeGoal(goal: Goal): string {
  if ('state' in goal) {
    const is = goal.state.is;
    return `${goal.state.endpoint} is ${typeof is === 'string' ? is : is.join(' or ')}`;
  }
  if ('sent' in goal) {
    const w = goal.sent;
    const bits = [w.flags ? w.flags.join('+') + (w.only ? ' (only)' : '') : 'a segment'];
    if (w.seq !== undefined) bits.push(`seq=${w.seq}`);
    if (w.ack !== undefined) bits.push(`ack=${w.ack}`);
    if (w.minLen !== undefined) bits.push(`len>=${w.minLen}`);
    return `${w.from ?? 'someone'} has sent ${bits.join(' ')}`;
  }
  if ('result' in goal) return `${goal.result.endpoint ?? 'an application'} sees "${goal.result.kind}"`;
  if ('stepsAtMost' in goal) return `in at most ${goal.stepsAtMost} steps`;
  if ('all' in goal) return goal.all.map(describeGoal).join(' and ');
  if ('any' in goal) return `(${goal.any.map(describeGoal).join(' or ')})`;
  return `not (${describeGoal(goal.not)})`;
}
