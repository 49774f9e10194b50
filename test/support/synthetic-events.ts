// Many events for the Events screen's tests and benchmarks: distinct messages, so nothing
// aggregates and the store holds exactly as many events as were recorded.
import type { EventInput } from '../../src-main/model';
import type { Store } from '../../src-main/store/index';

/** Distinct messages; every tenth a Warning; one per 10 ms from `base`, event 1 the oldest. */
export function syntheticEvent(i: number, base: number, pods = 50): EventInput {
  const pod = `load-${i % pods}`;
  const warning = i % 10 === 0;
  return {
    involvedObject: { kind: 'Pod', namespace: 'bench', name: pod, uid: `uid-${pod}`, fieldPath: 'spec.containers{main}' },
    type: warning ? 'Warning' : 'Normal',
    reason: warning ? 'BackOff' : 'Started',
    message: `synthetic event #${String(i).padStart(6, '0')}`,
    source: { component: 'kubelet', host: 'bench' },
    timestamp: base + i * 10,
  };
}

/** Records syntheticEvent(first … last) in batches of 5 000 (one transaction each). */
export function seedSyntheticEvents(store: Store, first: number, last: number, base: number): void {
  const batchSize = 5_000;
  for (let start = first; start <= last; start += batchSize) {
    const end = Math.min(last, start + batchSize - 1);
    store.recordEvents(Array.from({ length: end - start + 1 }, (_, k) => syntheticEvent(start + k, base)));
  }
}
