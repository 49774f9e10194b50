// The Pods screen's filter and selection: which rows a filter text keeps, and which selected
// pods still exist after a live update.
import type { PodSummary } from '../../../src-main/api/results';

/**
 * Every word of the filter must match the name, namespace, status or engine (case-insensitive),
 * so "web crash" finds web pods in CrashLoopBackOff. `ns/name` matches one pod exactly.
 */
export function filterPods(pods: PodSummary[], filter: string): PodSummary[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return pods;
  return pods.filter((pod) => {
    const haystack = [pod.name, pod.namespace, `${pod.namespace}/${pod.name}`, pod.terminating ? 'terminating' : pod.status, pod.engine ?? '']
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The selected uids that are still listed (a deleted pod leaves the selection). */
export function pruneSelection(selected: ReadonlySet<string>, pods: PodSummary[]): Set<string> {
  const listed = new Set(pods.map((pod) => pod.uid));
  return new Set([...selected].filter((uid) => listed.has(uid)));
}

export type SelectAllState = 'none' | 'some' | 'all';

/** The header checkbox: checked, mixed or clear, for the rows the filter shows. */
export function selectAllState(selected: ReadonlySet<string>, shown: PodSummary[]): SelectAllState {
  const count = shown.filter((pod) => selected.has(pod.uid)).length;
  if (count === 0) return 'none';
  return count === shown.length ? 'all' : 'some';
}

/** Toggling the header checkbox: selects every shown row, or clears them when all were selected. */
export function toggleAll(selected: ReadonlySet<string>, shown: PodSummary[]): Set<string> {
  const next = new Set(selected);
  if (selectAllState(selected, shown) === 'all') for (const pod of shown) next.delete(pod.uid);
  else for (const pod of shown) next.add(pod.uid);
  return next;
}

/** One row's checkbox. Returns a new set: the selection is replaced, never mutated. */
export function toggleOne(selected: ReadonlySet<string>, uid: string): Set<string> {
  const next = new Set(selected);
  if (next.has(uid)) next.delete(uid);
  else next.add(uid);
  return next;
}
