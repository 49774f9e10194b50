// Normalising the engines' container events into one shape. Pure.
//
// Forms seen (evidence in the engine smoke tests):
// - Docker < API 1.52: `status`/`id`/`from` plus `Type`/`Action`/`Actor`; `exitCode` on die.
// - Docker ≥ API 1.52: only `Type`/`Action`/`Actor`.
// - Podman 4.3 compat API: both forms; `Actor.Attributes.containerExitCode` on EVERY event
//   (always "0" except on die, which also carries `exitCode`), `remove` instead of `destroy`,
//   `died` in libpod filters, and extra actions (`init`, `cleanup`, `sync`).

export type EngineEventAction =
  | 'create'
  | 'start'
  | 'die'
  | 'stop'
  | 'kill'
  | 'oom'
  | 'destroy'
  | 'restart'
  | 'pause'
  | 'unpause'
  | 'exec_create'
  | 'exec_start'
  | 'exec_die'
  | 'health_status'
  | (string & {});

export interface EngineEvent {
  action: EngineEventAction;
  containerId: string;
  /** The container's name, without Docker's leading slash. */
  name?: string;
  image?: string;
  /** Set on `die` only (Podman's `containerExitCode` on other events is meaningless). */
  exitCode?: number;
  /** Set on `kill`: the signal sent, as the engine reports it (e.g. `15` or `SIGTERM`). */
  signal?: string;
  /** Text after the colon of `exec_start: sh -c …` or `health_status: healthy`. */
  detail?: string;
  /** The container's labels (engine attributes such as name, image, exitCode removed). */
  labels: Record<string, string>;
  /** Epoch milliseconds. */
  time: number;
}

/** Attributes the engines add next to the labels; everything else in `Attributes` is a label. */
const NON_LABEL_ATTRIBUTES = new Set([
  'name',
  'image',
  'exitCode',
  'containerExitCode',
  'signal',
  'podId',
  'execID',
  'execId',
]);

const ACTION_ALIASES: Record<string, string> = {
  died: 'die', // Podman's libpod name
  remove: 'destroy', // Podman says remove where Docker says destroy
};

interface RawEvent {
  status?: unknown;
  id?: unknown;
  from?: unknown;
  Type?: unknown;
  Action?: unknown;
  Actor?: { ID?: unknown; Attributes?: Record<string, unknown> };
  time?: unknown;
  timeNano?: unknown;
}

/** One decoded JSON event → a normalised container event; undefined for non-container events. */
export function normaliseEvent(raw: unknown): EngineEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const ev = raw as RawEvent;
  const type = typeof ev.Type === 'string' ? ev.Type : undefined;
  if (type !== undefined && type !== 'container') return undefined;

  const actionText = str(ev.Action) ?? str(ev.status);
  const containerId = str(ev.Actor?.ID) ?? str(ev.id);
  if (!actionText || !containerId) return undefined;

  const colon = actionText.indexOf(':');
  const baseAction = (colon >= 0 ? actionText.slice(0, colon) : actionText).trim();
  const action = ACTION_ALIASES[baseAction] ?? baseAction;

  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(ev.Actor?.Attributes ?? {})) {
    if (typeof value === 'string') attributes[key] = value;
  }
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!NON_LABEL_ATTRIBUTES.has(key)) labels[key] = value;
  }

  const event: EngineEvent = { action, containerId, labels, time: eventTimeMs(ev) };
  const name = attributes.name;
  if (name !== undefined) event.name = name.replace(/^\//, '');
  const image = attributes.image ?? str(ev.from);
  if (image !== undefined) event.image = image;
  if (action === 'die') {
    const code = toInt(attributes.exitCode) ?? toInt(attributes.containerExitCode);
    if (code !== undefined) event.exitCode = code;
  }
  if (action === 'kill' && attributes.signal !== undefined) event.signal = attributes.signal;
  if (colon >= 0) event.detail = actionText.slice(colon + 1).trim();
  return event;
}

/** Engine event filters: container events carrying all the given labels (`true` = key present). */
export function eventFilters(
  labels: Readonly<Record<string, string | true>>,
  actions: readonly string[] | undefined,
  kind: 'docker' | 'podman',
): Record<string, string[]> {
  const filters: Record<string, string[]> = { type: ['container'], label: labelFilters(labels) };
  if (filters.label?.length === 0) delete filters.label;
  if (actions && actions.length > 0) {
    // Podman's filter wants libpod names (died, remove) even on its compat endpoint.
    filters.event = kind === 'podman' ? actions.map(toPodmanAction) : [...actions];
  }
  return filters;
}

/** `label` filter values: `key=value`, or `key` for "has the label". */
export function labelFilters(labels: Readonly<Record<string, string | true>>): string[] {
  return Object.entries(labels).map(([key, value]) => (value === true ? key : `${key}=${value}`));
}

/** Whether a label set satisfies a label selector (the client-side twin of `labelFilters`). */
export function matchesLabels(
  labels: Readonly<Record<string, string>>,
  selector: Readonly<Record<string, string | true>>,
): boolean {
  return Object.entries(selector).every(([key, value]) =>
    value === true ? Object.hasOwn(labels, key) : labels[key] === value,
  );
}

/**
 * Splits a chunked stream of newline-delimited JSON into complete lines. Returns the parsed
 * values and the unfinished tail to prepend to the next chunk.
 */
export function splitJsonLines(buffered: string): { values: unknown[]; rest: string } {
  const lines = buffered.split('\n');
  const rest = lines.pop() ?? '';
  const values: unknown[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    try {
      values.push(JSON.parse(trimmed));
    } catch {
      // A line that is not JSON is not an event: skip it rather than stop the stream.
    }
  }
  return { values, rest };
}

function toPodmanAction(action: string): string {
  if (action === 'die') return 'died';
  if (action === 'destroy') return 'remove';
  return action;
}

function eventTimeMs(ev: RawEvent): number {
  if (typeof ev.timeNano === 'number' && ev.timeNano > 0) return Math.floor(ev.timeNano / 1e6);
  if (typeof ev.time === 'number' && ev.time > 0) return ev.time * 1000;
  return Date.now();
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}
