// The engine adapter's public surface: import from '../engine'.
export { connectEngine, EngineUnavailableError, identify } from './connect';
export type { ConnectAttempt, ConnectOptions } from './connect';
export { RuntimeNotHonouredError, engineStatusCode, isNotFound } from './errors';
export type {
  ContainerDetails,
  ContainerSpec,
  ContainerState,
  ContainerSummary,
  Engine,
  EngineEventStream,
  EngineIdentity,
  EngineInfo,
  EventOptions,
  ExecOptions,
  ExecResult,
  LogOptions,
  LogTextOptions,
  MountSpec,
  PortBinding,
  PublishedPort,
  RegistryAuth,
} from './engine';
export { resolveEndpoints, parseHostUrl } from './endpoint';
export type { EndpointCandidate, EndpointContext, EngineChoice, EngineKind, Transport } from './endpoint';
export { normaliseEvent } from './events';
export type { EngineEvent, EngineEventAction } from './events';
export type { OutputChunk, OutputStream } from './demux';
export * from './labels';
