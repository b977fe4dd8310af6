/** The kernel lab: the host runs the stories (simulator and kernel); the webview draws and asks. */
import type { LabModel } from '../models/lab';
import type { ParserTable } from '../check';
import { describe } from '../check';

export interface LabMessage {
  readonly type: 'lab';
  readonly model: LabModel;
  /** Show the Lab tab. */
  readonly reveal: boolean;
}

export type ToLabMessage = LabMessage;

/** What the learner asks of the lab. `lab/run` plays the story on this machine's kernel. */
export type LabIntent =
  | { readonly type: 'lab/select'; readonly story: string }
  | { readonly type: 'lab/run'; readonly story: string }
  | { readonly type: 'lab/cancel' };

export type FromLabMessage = LabIntent;

function isStoryName(v: unknown): v is string {
  return typeof v === 'string' && /^[a-z0-9-]{1,80}$/.test(v);
}

export const LAB_PARSERS: ParserTable<FromLabMessage> = {
  'lab/select': (raw) => (isStoryName(raw.story) ? { type: 'lab/select', story: raw.story } : `story must be a story name, got ${describe(raw.story)}`),
  'lab/run': (raw) => (isStoryName(raw.story) ? { type: 'lab/run', story: raw.story } : `story must be a story name, got ${describe(raw.story)}`),
  'lab/cancel': () => ({ type: 'lab/cancel' }),
};
