/**
 * Public API of the TCP simulator. Pure TypeScript: no `vscode` import, no wall clock,
 * no randomness.
 */
export * from './types';
export { PROFILES, PROFILE_IDS, connectGiveUpAfter, modelTimeout } from './profiles';
export type { Profile } from './profiles';
export { VARIANTS, VARIANT_IDS } from './variants';
export type { Variant } from './variants';
export { Simulator, StepError, edgeFor, resolveOptions, resolveWorld, synCookie } from './simulator';
export type { CallLegality, ConnectionView, EndpointView, ListenerView, TcbView, TimerView } from './simulator';
export type { EndpointData, HostData, ListenerData, SegmentData, SimulatorSnapshot } from './snapshot';
export { checkStep, isStepProblem, stepToJson, USER_CALLS, ALL_CALLS, STEP_KINDS, MAX_SEND_BYTES, MAX_ADVANCE } from './steps';
export type { Step, NormalizedStep, StepProblem, InjectSpec, StepKind, CallArgs } from './steps';
export { parseScenario, parseScenarioValue, validateScenarioText, runScenario, finalState, scenarioOptions, simulatorForScenario, ScenarioRunError, scenarioParseJob } from './scenario';
export type { ScenarioParseJob } from './scenario';
export type { Scenario, ScenarioError, ParseResult, RunResult, FinalState, SocketSettings } from './scenario';
export { renderLadder, segmentLabel } from './ladder';
export { FLAG_ORDER, canonicalFlags, seqAdd, seqDiff, seqLt, seqLe } from './seq';
export * from './limits';
