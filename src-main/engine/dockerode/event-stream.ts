// The engine's event stream, read as fast as it arrives and queued here (dockerd drops events a
// slow reader does not take), so a slow consumer only grows this queue.
import type Docker from 'dockerode';
import type { EngineKind } from '../endpoint';
import { eventFilters, matchesLabels, normaliseEvent, splitJsonLines } from '../events';
import type { EngineEvent } from '../events';
import type { EngineEventStream, EventOptions } from '../port';
import { eventQueue } from '../event-queue';

export async function dockerEvents(docker: Docker, kind: EngineKind, opts: EventOptions = {}): Promise<EngineEventStream> {
  const selector = opts.labels ?? {};
  const query: Record<string, unknown> = { filters: eventFilters(selector, opts.actions, kind) };
  if (opts.since !== undefined) query.since = String(Math.floor(opts.since / 1000));
  const raw = (await docker.getEvents(query)) as NodeJS.ReadableStream & { destroy(): void };
  const wanted = opts.actions ? new Set(opts.actions) : undefined;
  const since = opts.since;
  const queue = eventQueue(() => raw.destroy());

  let buffered = '';
  raw.on('data', (chunk: Buffer | string) => {
    const { values, rest } = splitJsonLines(buffered + chunk.toString());
    buffered = rest;
    const events: EngineEvent[] = [];
    for (const value of values) {
      const event = normaliseEvent(value);
      if (!event) continue;
      if (!matchesLabels(event.labels, selector)) continue;
      if (wanted && !wanted.has(event.action)) continue;
      if (since !== undefined && event.time < since) continue;
      events.push(event);
    }
    queue.push(...events);
  });
  raw.on('end', () => queue.end());
  raw.on('close', () => queue.end());
  raw.on('error', (err: unknown) => queue.end(err));
  return queue.stream;
}
