// One pod, kept current: its object (getPod) and container stops (listContainerStops), refetched
// when the pods subscription says the pod changed or an event about it arrives; its events, hook
// runs and container stops, live from their own topics; and whether it is gone.
import type { Unsubscribe } from '../../../src-main/api/contract';
import type { PodObject } from '../../../src-main/api/results';
import type { BerthEvent, ContainerStop, HookRun } from '../../../src-main/model';
import { berth, toBerthError } from './berth';
import { mergeNewest } from './events';
import { mergeHookRuns, upsertHookRun } from './hook-runs';
import { startLive } from './live';
import type { PodRef } from './screens';
import { mergeStops, upsertStop } from './shutdown';

export const POD_EVENT_LIMIT = 1_000;

export class PodWatch {
  pod = $state.raw<PodObject | null>(null);
  events = $state.raw<BerthEvent[]>([]);
  hookRuns = $state.raw<HookRun[]>([]);
  stops = $state.raw<ContainerStop[]>([]);
  /** When the pod was seen to be gone (deleted, or never there). */
  goneAt = $state<number | null>(null);
  error = $state<string | null>(null);

  constructor(readonly ref: PodRef) {}

  /** Starts watching; returns the function that stops it (an $effect's teardown). */
  start(): Unsubscribe {
    const { namespace, name } = this.ref;
    const teardowns: Unsubscribe[] = [];
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
        const [pod, stops] = await Promise.all([berth.getPod({ namespace, name }), berth.listContainerStops({ namespace, name })]);
        if (stopped) return;
        if (uid !== null && pod.metadata.uid !== uid) return markGone(); // a new pod took the name
        this.pod = pod;
        this.stops = mergeStops(this.stops, stops);
        this.error = null;
        if (uid === null) {
          uid = pod.metadata.uid;
          watchEvents(uid);
          watchHookRuns(uid);
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
      teardowns.push(
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

    const watchHookRuns = (podUid: string) => {
      teardowns.push(
        startLive<HookRun[], HookRun>(
          {
            subscribe: (listener) => berth.subscribe('hookRuns', { podUid }, listener),
            load: async () => mergeHookRuns(await berth.listHookRuns({ namespace, name }), []),
            apply: upsertHookRun,
          },
          {
            set: (runs) => (this.hookRuns = runs),
            fail: (failure) => {
              if (failure.code !== 'NotFound') this.error = failure.message;
            },
          },
        ),
      );
    };

    // Container stops, live: the core pushes each row as a milestone is reached (preStop, the
    // stop signal, SIGKILL, the exit), which need not come with a pod change or an event.
    teardowns.push(
      berth.subscribe('containerStops', {}, (row) => {
        if (stopped || row.namespace !== namespace || row.podName !== name || (uid !== null && row.podUid !== uid)) return;
        this.stops = upsertStop(this.stops, row);
      }),
    );

    teardowns.push(
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
      for (const teardown of teardowns) teardown();
    };
  }
}
