/**
 * "What if" variants that break the protocol on purpose. Each names the transition
 * origins (see TRANSITIONS in states.ts) whose edges it may take. New variants (e.g. a
 * FIN without half-close) add an entry here and a branch where the endpoint consults it.
 */
import type { TransitionOrigin } from './states';
import type { VariantId } from './types';

export interface Variant {
  readonly id: VariantId;
  /** The passive opener is ESTABLISHED as soon as it answers the SYN; the active opener sends no third segment. */
  readonly twoWayHandshake: boolean;
  /** The active closer goes to CLOSED where it would enter TIME-WAIT. */
  readonly noTimeWait: boolean;
  /** Transition origins whose edges this variant may take. */
  readonly origins: readonly TransitionOrigin[];
  readonly description: string;
}

export const VARIANTS: Readonly<Record<VariantId, Variant>> = {
  standard: {
    id: 'standard',
    twoWayHandshake: false,
    noTimeWait: false,
    origins: ['standard', 'implementation'],
    description: 'TCP as RFC 9293 specifies it.',
  },
  'two-way-handshake': {
    id: 'two-way-handshake',
    twoWayHandshake: true,
    noTimeWait: false,
    origins: ['standard', 'implementation', 'two-way-handshake'],
    description: 'The passive opener is ESTABLISHED as soon as it answers the SYN; the active opener sends no third segment.',
  },
  'no-time-wait': {
    id: 'no-time-wait',
    twoWayHandshake: false,
    noTimeWait: true,
    origins: ['standard', 'implementation', 'no-time-wait'],
    description: 'The active closer goes to CLOSED where it would enter TIME-WAIT.',
  },
};

export { VARIANT_IDS } from './vocabulary';
