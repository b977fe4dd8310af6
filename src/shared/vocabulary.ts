/**
 * The words both sides of the contract use, taken from the one place core declares them
 * (its vocabulary files: ids, id lists and serialisable trace records, no behaviour), so
 * that nothing is declared twice. This is the only file of src/shared that imports core.
 */
export {
  CALL_ARGUMENTS,
  CALL_ERROR_CODES,
  ENDPOINT_IDS,
  FLAGS,
  PROFILE_IDS,
  STATE_IDS,
  TRANSITION_IDS,
  SOCKET_CALLS,
  USER_CALLS,
  VARIANT_IDS,
  isStateId,
} from '../core/tcp/vocabulary';
export type {
  AckCheck,
  AnyCall,
  CallError,
  CallErrorCode,
  Cause,
  ConnectionError,
  EndpointId,
  Flag,
  ProfileId,
  Role,
  RuleCode,
  Segment,
  SocketCall,
  SeqCheck,
  SeqCheckReason,
  StateId,
  TimerName,
  TraceEvent,
  TransitionOrigin,
  UserCall,
  VariantId,
} from '../core/tcp/vocabulary';
export { LOCALES, isLocale } from '../core/course/vocabulary';
export type { Answer, LessonMark, Locale, QuestionKindId, QuestionStatus } from '../core/course/vocabulary';
export type { SandboxCallArgs, SandboxCommand, SandboxCommandType } from '../core/sandbox/vocabulary';
export { DOCTOR_FORMATS, FINDING_IDS } from '../core/doctor/vocabulary';
export type { DoctorFormat, FindingId } from '../core/doctor/vocabulary';

/** Ends a switch that must handle every member of a union: a missing case does not compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
