// Container logs: which engine container holds "the current" or "the previous" instance of a
// pod's container, and reading or following its output.
import type { Engine } from '../engine/engine';
import { LABELS } from '../engine/labels';
import { MAX_LOG_READ_BYTES } from '../engine/log-tail';
import { ApiError } from './errors';
import type { LogChunk } from './results';
import type { PodRecord } from '../model';

export interface LogsRequest {
  container?: string | undefined;
  previous?: boolean | undefined;
  tail?: number | undefined;
  timestamps?: boolean | undefined;
}

/** kubectl's rule: the container may be omitted only when the pod has exactly one. */
export function chooseContainer(record: PodRecord, requested: string | undefined): string {
  const spec = record.manifest.spec;
  const names = (spec.containers ?? []).map((c) => c.name);
  const initNames = (spec.initContainers ?? []).map((c) => c.name);
  if (requested) {
    if (names.includes(requested) || initNames.includes(requested)) return requested;
    throw new ApiError('BadRequest', `container ${requested} is not valid for pod ${record.name}`);
  }
  if (names.length === 1) return names[0]!;
  const choices = [...names, ...initNames].join(' ');
  throw new ApiError('BadRequest', `a container name must be specified for pod ${record.name}, choose one of: [${choices}]`);
}

/** The engine container of the current (or previous) instance of a pod's container. */
export async function findInstance(engine: Engine, record: PodRecord, container: string, previous: boolean): Promise<string> {
  const instances = await engine.listContainers({ all: true, labels: { [LABELS.podUid]: record.uid, [LABELS.containerName]: container } });
  const byAttempt = instances
    .map((c) => ({ id: c.id, attempt: Number(c.labels[LABELS.restartCount] ?? 0) }))
    .sort((a, b) => b.attempt - a.attempt);
  const chosen = previous ? byAttempt[1] : byAttempt[0];
  if (chosen) return chosen.id;
  if (previous) throw new ApiError('BadRequest', `previous terminated container "${container}" in pod "${record.name}" not found`);
  throw new ApiError('BadRequest', `container "${container}" in pod "${record.name}" is waiting to start: ContainerCreating`);
}

export async function readLogs(engine: Engine, id: string, request: LogsRequest): Promise<string> {
  // The end of the log, bounded in bytes as well as lines: a container can log gigabytes.
  return engine.logsText(id, {
    limitBytes: MAX_LOG_READ_BYTES,
    ...(request.tail !== undefined ? { tail: request.tail } : {}),
    ...(request.timestamps ? { timestamps: true } : {}),
  });
}

/** Follows a log until the container stops or the subscriber leaves (abort). */
export async function followLogs(engine: Engine, id: string, request: LogsRequest, push: (chunk: LogChunk) => void, signal: AbortSignal): Promise<void> {
  try {
    for await (const chunk of engine.logs(id, {
      follow: true,
      signal,
      ...(request.tail !== undefined ? { tail: request.tail } : {}),
      ...(request.timestamps ? { timestamps: true } : {}),
    })) {
      push({ text: chunk.data.toString('utf8') });
    }
    if (!signal.aborted) push({ text: '', end: true });
  } catch (error) {
    if (!signal.aborted) push({ text: '', end: true, error: (error as Error).message });
  }
}
