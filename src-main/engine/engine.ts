// The engine's port and errors under their long-standing import path; see port.ts.
export type {
  ContainerSummary,
  Engine,
  EngineEventStream,
  EngineHost,
  EngineIdentity,
  EngineInfo,
  EventOptions,
  ExecOptions,
  ExecResult,
  ImageDetails,
  ListOptions,
  LogOptions,
  LogTextOptions,
  NetworkCreateOptions,
  NetworkDetails,
  PullOptions,
  PullProgressEvent,
  RegistryAuth,
  RemoveOptions,
  VolumeCreateOptions,
  VolumeDetails,
} from './port';
export { engineStatusCode, isNotFound, RuntimeNotHonouredError } from './errors';
export type { EngineEvent } from './events';
export type { OutputChunk } from './demux';
export type {
  ContainerDetails,
  ContainerSpec,
  ContainerState,
  MountSpec,
  NetworkEndpoint,
  PortBinding,
  PublishedPort,
} from './container-spec';
