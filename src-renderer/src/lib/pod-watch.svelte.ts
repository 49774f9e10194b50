// One pod, kept current: its object (getPod), its hook runs, its events, and whether it is gone.
// Refetches when the pods subscription says the pod changed or an event about it arrives (hook
// runs have no subscription of their own; they come with events and status changes).
import type { Unsubscribe } from '../../../src-main/api/contract';
import type { PodObject } from '../../../src-main/api/results';
import type { BerthEvent, HookRun } from '../../../src-main/api/types';
import { berth, toBerthError } from './berth';
import { mergeNewest } from './events';
import { startLive } from './live';
import type { PodRef } from './screens';

export const POD_EVENT_LIMIT = 1_000;

export class PodWatch {
  pod = $state.raw<PodObject | null>(null);
  events = $state.raw<BerthEvent[]>([]);
  hookRuns = $state.raw<HookRun[]>([]);
  /** When the pod was seen to be gone (deleted, or never there). */
  goneAt = $state<number | null>(null);
  error = $state<string | null>(null);

  constructor(readonly ref: PodRef) {}

  /** Starts watching; returns the function that stops it (an $effect's teardown). */
  start(): Unsubscribe {
    const { namespace, name } = this.ref;
    const stops: Unsubscribe[] = [];
    let stopped = false;
    let uid: string | null = null;
    let inFlight = false;
    let again = false;

    const markGone = () => {
      this.goneAt ??= Date.now();
    };

    // At most one refetch at a time; changes during it cause one more, not one each.
    const refresh = async (): Promise<void> => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        const [pod, runs] = await Promise.all([berth.getPod({ namespace, name }), berth.listHookRuns({ namespace, name })]);
        if (stopped) return;
        if (uid !== null && pod.metadata.uid !== uid) return markGone(); // a new pod took the name
        this.pod = pod;
        this.hookRuns = runs;
        this.error = null;
        if (uid === null) {
          uid = pod.metadata.uid;
          watchEvents(uid);
        }
      } catch (error) {
        if (stopped) return;
        const failure = toBerthError(error);
        if (failure.code === 'NotFound') markGone();
        else this.error = failure.message;
      } finally {
        inFlight = false;
        if (again && !stopped && this.goneAt === null) {
          again = false;
          void refresh();
        }
      }
    };

    const watchEvents = (podUid: string) => {
      stops.push(
        startLive<BerthEvent[], BerthEvent[]>(
          {
            subscribe: (listener) =>
              berth.subscribe('events', { podUid }, (batch) => {
                listener(batch);
                if (this.goneAt === null) void refresh();
              }),
            load: () => berth.listEvents({ podUid, limit: POD_EVENT_LIMIT }),
            apply: mergeNewest,
          },
          { set: (events) => (this.events = events), fail: (failure) => (this.error = failure.message) },
        ),
      );
    };

    stops.push(
      berth.subscribe('pods', { namespace }, (change) => {
        const changed = change.type === 'upserted' ? change.pod : change;
        if (changed.name !== name || (uid !== null && changed.uid !== uid)) return;
        if (change.type === 'removed') markGone();
        else void refresh();
      }),
    );
    void refresh();

    return () => {
      stopped = true;
      for (const stop of stops) stop();
    };
  }
}
