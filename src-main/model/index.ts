// The domain model every layer and the renderer share. It imports nothing of Berth's.
export type * from './meta';
export type * from './container';
export type * from './volume';
export type * from './pod';
export type * from './objects';
export type * from './pod-status';
export type * from './pod-record';
export type * from './events';
export type * from './hook-runs';
export type * from './container-stops';
export type * from './diagnostics';
export type * from './pull-progress';
export { rfc3339 } from './time';
export { KUBERNETES_MAJOR, KUBERNETES_MAJOR_MINOR, KUBERNETES_MINOR, KUBERNETES_RELEASE } from './kube-version';
