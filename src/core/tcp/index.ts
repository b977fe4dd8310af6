/**
 * Public API of the TCP simulator. Pure TypeScript: no `vscode` import, no wall clock,
 * no randomness.
 */
export * from './types';
export { PROFILES, PROFILE_IDS, connectGiveUpAfter } from './profiles';
export type { Profile } from './profiles';
export { VARIANTS, VARIANT_IDS } from './variants';
export type { Variant } from './variants';
export { Simulator, StepError, edgeFor, resolveOptions } from './simulator';
export type { CallLegality, EndpointData, EndpointView, SegmentData, SimulatorSnapshot, TcbView, TimerView } from './simulator';
export { checkStep, isStepProblem, USER_CALLS, STEP_KINDS, MAX_SEND_BYTES, MAX_ADVANCE } from './steps';
export type { Step, NormalizedStep, StepProblem, InjectSpec, StepKind } from './steps';
export { parseScenario, parseScenarioValue, validateScenarioText, runScenario, ScenarioRunError, scenarioParseJob, simulatorForScenario } from './scenario';
export type { ScenarioParseJob } from './scenario';
export type { Scenario, ScenarioError, ParseResult, RunResult } from './scenario';
export { renderLadder, segmentLabel } from './ladder';
export { FLAG_ORDER, canonicalFlags, seqAdd, seqDiff, seqLt, seqLe } from './seq';
export * from './limits';
