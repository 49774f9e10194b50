// Pod YAML import: parse, validate, default. Pure code: no I/O.
export { importManifests, type ImportResult } from './import';
export { formatDiagnostic } from './format';
export { byPosition } from './report';
export * from './security';
export { defaultImagePullPolicy } from './defaults';
export { MAX_SOURCE_BYTES } from './text';
export type * from './draft';
