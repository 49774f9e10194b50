// The events the store figures write: what the kubelet records for pods in crash loops, with its
// reasons and message formats (src-main/kubelet/messages.ts), so rows have realistic sizes.
import type { EventInput } from '../../../src-main/model';

interface Template {
  type: EventInput['type'];
  reason: string;
  component: 'default-scheduler' | 'kubelet';
  /** Whether the event is about the container (fieldPath) or the pod. */
  container: boolean;
  message: (pod: string, uid: string) => string;
}

const scheduled: Template = { type: 'Normal', reason: 'Scheduled', component: 'default-scheduler', container: false, message: (pod) => `Successfully assigned bench/${pod} to berth` };
const pulled: Template = { type: 'Normal', reason: 'Pulled', component: 'kubelet', container: true, message: () => 'Container image "registry.local/shop/api:1.14.2" already present on machine' };
const created: Template = { type: 'Normal', reason: 'Created', component: 'kubelet', container: true, message: () => 'Created container: api' };
const started: Template = { type: 'Normal', reason: 'Started', component: 'kubelet', container: true, message: () => 'Started container api' };
const unhealthy: Template = { type: 'Warning', reason: 'Unhealthy', component: 'kubelet', container: true, message: () => 'Liveness probe failed: HTTP probe failed with statuscode: 503' };
const killing: Template = { type: 'Normal', reason: 'Killing', component: 'kubelet', container: true, message: () => 'Container api failed liveness probe, will be restarted' };
const backOff: Template = { type: 'Warning', reason: 'BackOff', component: 'kubelet', container: true, message: (pod, uid) => `Back-off restarting failed container api in pod ${pod}_bench(${uid})` };

/** A pod's life: scheduled and started once, then the crash loop repeating. */
const START = [scheduled, pulled, created, started];
const CRASH_LOOP = [unhealthy, killing, backOff, pulled, created, started];
/** Every template once: the distinct rows of the big store cycle through these. */
const ALL = [scheduled, pulled, created, started, unhealthy, killing, backOff];

function podName(index: number): string {
  return `api-${String(index).padStart(5, '0')}`;
}

function eventOf(template: Template, pod: number, timestamp: number, suffix = ''): EventInput {
  const name = podName(pod);
  const uid = `00000000-0000-4000-8000-${String(pod).padStart(12, '0')}`;
  return {
    involvedObject: { kind: 'Pod', namespace: 'bench', name, uid, ...(template.container ? { fieldPath: 'spec.containers{api}' } : {}) },
    type: template.type,
    reason: template.reason,
    message: template.message(name, uid) + suffix,
    source: { component: template.component, host: 'berth' },
    timestamp,
  };
}

/** Pod uid of pod `index` (what listEvents({podUid}) asks for). */
export function podUid(index: number): string {
  return eventOf(scheduled, index, 0).involvedObject.uid;
}

/** How many pods record events at the same time (a laptop's, not a cluster's). */
export const ACTIVE_PODS = 100;
/** Occurrences per pod before it is replaced by a new one: its start and about three crash loops. */
const LIFE = START.length + 3 * CRASH_LOOP.length;

/**
 * Occurrence `i` of a stream where ACTIVE_PODS pods take turns, one per millisecond from `base`:
 * each pod's first four are its start, the rest its crash loop, whose repeats aggregate (15 of
 * its 22 occurrences); then a new pod (numbered from `firstPod`) takes its slot.
 */
export function crashLoopOccurrence(i: number, firstPod: number, base: number): EventInput {
  const slot = i % ACTIVE_PODS;
  const round = Math.floor(i / ACTIVE_PODS);
  const k = round % LIFE;
  const template = k < START.length ? START[k]! : CRASH_LOOP[(k - START.length) % CRASH_LOOP.length]!;
  return eventOf(template, firstPod + Math.floor(round / LIFE) * ACTIVE_PODS + slot, base + i);
}

/** Pods in the history store: a cohort of 20 at a time, each with this many distinct events. */
const COHORT = 20;
export const HISTORY_EVENTS_PER_POD = 500;

/** Pods that history events 0 … n−1 are about (0 … the result − 1). */
export function historyPods(n: number): number {
  return Math.ceil(n / HISTORY_EVENTS_PER_POD);
}

/**
 * Event `i` of a long history, 50 ms apart from `base`: pods come in cohorts of 20 whose events
 * interleave, each event distinct (its ordinal in the message), so every one is its own row.
 */
export function historyEvent(i: number, base: number): EventInput {
  const perCohort = COHORT * HISTORY_EVENTS_PER_POD;
  const within = i % perCohort;
  const pod = Math.floor(i / perCohort) * COHORT + (within % COHORT);
  const k = Math.floor(within / COHORT);
  return eventOf(ALL[k % ALL.length]!, pod, base + i * 50, ` (#${k})`);
}
