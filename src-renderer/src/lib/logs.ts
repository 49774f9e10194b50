// A container's log as the Logs tab shows it: the text kept to a bounded number of lines and
// characters as chunks arrive (one endless line must not grow the view without end), whether there is anything to show (a waiting container has no log yet; one that
// never restarted has no previous instance), and when to keep the view scrolled to the end. Pure.
import type { ContainerView } from './containers';

/** Lines fetched first (the tail), and the most kept while following. */
export const LOG_TAIL_LINES = 5_000;
export const LOG_MAX_LINES = 20_000;
/** The most characters kept (~4 MiB of ASCII): the oldest go first, whole lines where possible. */
export const LOG_MAX_CHARS = 4 * 1024 * 1024;

export interface LogText {
  text: string;
  lines: number;
}

export const emptyLog: LogText = { text: '', lines: 0 };

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Appends a chunk; past `maxLines` whole lines, or `maxChars` characters, the oldest ones go. */
export function appendLog(log: LogText, chunk: string, maxLines = LOG_MAX_LINES, maxChars = LOG_MAX_CHARS): LogText {
  if (!chunk) return log;
  let text = log.text + chunk;
  let lines = log.lines + countNewlines(chunk);
  if (lines > maxLines) {
    let cut = 0;
    for (let drop = lines - maxLines; drop > 0; drop--) cut = text.indexOf('\n', cut) + 1;
    text = text.slice(cut);
    lines = maxLines;
  }
  if (text.length > maxChars) {
    // Cut after the first newline past the excess; a line longer than the limit is cut inside.
    const excess = text.length - maxChars;
    const newline = text.indexOf('\n', excess);
    const cut = newline === -1 || newline - excess > maxChars / 2 ? excess : newline + 1;
    lines -= countNewlines(text.slice(0, cut));
    text = text.slice(cut);
  }
  return { text, lines };
}

export type LogSource =
  | { kind: 'ready'; note: string | null }
  | { kind: 'waiting'; message: string }
  | { kind: 'no-previous'; message: string };

/**
 * Whether the container has a log to show: the current instance exists once the container was
 * created (it keeps its log after it exits, and while it waits to restart); the previous one
 * once it restarted.
 */
export function logSource(container: ContainerView, previous: boolean): LogSource {
  const status = container.status;
  const waiting = status?.state.waiting;
  const hasLast = Boolean(status?.lastState.terminated);
  if (previous) {
    if (!hasLast) return { kind: 'no-previous', message: `Container ${container.name} has no previous instance: it has not restarted.` };
    return { kind: 'ready', note: null };
  }
  const created = Boolean(status?.containerID) || Boolean(status?.state.running) || Boolean(status?.state.terminated);
  if (created) return { kind: 'ready', note: null };
  if (hasLast) {
    return { kind: 'ready', note: `Container ${container.name} is waiting to start again (${waiting?.reason ?? 'Waiting'}); this is the log of its last run.` };
  }
  return { kind: 'waiting', message: `Container ${container.name} is waiting to start${waiting?.reason ? ` (${waiting.reason})` : ''}.` };
}

/** Which engine container the log comes from: a new one (a restart) starts the view over. */
export function logInstanceKey(container: ContainerView, previous: boolean): string {
  const status = container.status;
  if (previous) return `prev:${status?.lastState.terminated?.containerID ?? status?.restartCount ?? 0}`;
  return `cur:${status?.containerID ?? ''}:${status?.restartCount ?? 0}`;
}

/** Whether a scrolled box shows its end (within `slack` pixels): the view follows the log then. */
export function atBottom(box: { scrollTop: number; clientHeight: number; scrollHeight: number }, slack = 24): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= slack;
}
