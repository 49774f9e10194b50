// The FakeEngine: an in-memory engine port for tests and benches (never constructed by the app).
export { FakeEngine } from './fake-engine';
export type { FakeEngineOptions } from './fake-engine';
export { ManualClock, systemClock } from './clock';
export type { FakeClock } from './clock';
export { exitsOn, ignoresSignals, RUNS_UNTIL_SIGNALLED } from './program';
export type { FakeExecReaction, FakeOutput, FakeProgram, FakeSignalReaction } from './program';
export type { FakeRegistryImage } from './resources';
