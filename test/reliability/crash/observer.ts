// What the test sees of the controller through its API (the socket the CLI uses): every event
// and hook run it reported as committed (a push comes only after the commit), kept across
// controller lifetimes as a ledger to hold the store to, and each pod's milestones, to wait for a
// phase and to say where a SIGKILL landed.
import assert from 'node:assert/strict';
import type { BerthEvent, HookRun } from '../../../src-main/model';
import { socketPathFor } from '../../../src-main/api/data-dir';
import { connectSocketApi, type SocketApi } from '../../../src-main/rpc/client';

/** A pod's life in the order it is lived; a SIGKILL lands after the last one reached. */
export const MILESTONES = [
  'stored',
  'container created',
  'container started',
  'postStart running',
  'postStart done',
  'killing',
  'preStop running',
  'preStop done',
  'stop signal sent',
  'container exited',
  'removed',
] as const;
export type Milestone = (typeof MILESTONES)[number];

const EVENT_MILESTONES: Record<string, Milestone> = {
  Scheduled: 'stored',
  Created: 'container created',
  Started: 'container started',
  Killing: 'killing',
};

/** Rows the API reported as committed, by id, in the latest state reported. */
export class CommittedLedger {
  readonly events = new Map<number, BerthEvent>();
  readonly hookRuns = new Map<number, HookRun>();

  noteEvents(events: readonly BerthEvent[]): void {
    for (const e of events) {
      const known = this.events.get(e.id);
      if (!known || e.count >= known.count) this.events.set(e.id, e);
    }
  }

  noteHookRun(run: HookRun): void {
    const known = this.hookRuns.get(run.id);
    if (!known || known.finishedAt === null) this.hookRuns.set(run.id, run);
  }

  /** Every committed event is still there, the same event, its count never lower. */
  assertEventsKept(current: readonly BerthEvent[]): void {
    const byId = new Map(current.map((e) => [e.id, e]));
    const lost: string[] = [];
    for (const [id, committed] of this.events) {
      const now = byId.get(id);
      if (!now) lost.push(`#${id} ${committed.reason} ${committed.involvedObject.name} (x${committed.count}) is gone`);
      else if (now.count < committed.count || now.reason !== committed.reason || now.message !== committed.message || now.involvedObject.uid !== committed.involvedObject.uid) {
        lost.push(`#${id} was ${committed.reason} x${committed.count} "${committed.message}", is ${now.reason} x${now.count} "${now.message}"`);
      }
    }
    assert.deepEqual(lost, [], `committed events lost or changed (${this.events.size} committed)`);
  }

  /**
   * Every committed hook run is still there; one reported finished is unchanged; one reported
   * running was closed since (by its own finish or as interrupted).
   */
  assertHookRunsKept(current: readonly HookRun[]): void {
    const byId = new Map(current.map((r) => [r.id, r]));
    const lost: string[] = [];
    for (const [id, committed] of this.hookRuns) {
      const now = byId.get(id);
      const what = `#${id} ${committed.podName}/${committed.container} ${committed.hook} attempt ${committed.attempt}`;
      if (!now) lost.push(`${what} is gone`);
      else if (committed.finishedAt !== null && (now.finishedAt !== committed.finishedAt || now.error !== committed.error)) lost.push(`${what} changed after it finished`);
      else if (now.finishedAt === null) lost.push(`${what} is still open after the restart`);
    }
    assert.deepEqual(lost, [], `committed hook runs lost or left open (${this.hookRuns.size} committed)`);
  }
}

interface Reached {
  milestone: Milestone;
  at: number;
}

type Waiter = { pod: string; milestone: Milestone; resolve: () => void };

/** Milestones per pod name (names are unique in the test's namespace). */
export class PodMilestones {
  private readonly reached = new Map<string, Reached[]>();
  private readonly uids = new Map<string, string>();
  private waiters: Waiter[] = [];

  note(pod: string, milestone: Milestone, at = Date.now()): void {
    const list = this.reached.get(pod) ?? [];
    if (!list.some((r) => r.milestone === milestone)) list.push({ milestone, at });
    this.reached.set(pod, list);
    const woken = this.waiters.filter((w) => w.pod === pod && w.milestone === milestone);
    this.waiters = this.waiters.filter((w) => !woken.includes(w));
    for (const w of woken) w.resolve();
  }

  has(pod: string, milestone: Milestone): boolean {
    return (this.reached.get(pod) ?? []).some((r) => r.milestone === milestone);
  }

  noteUid(pod: string, uid: string): void {
    this.uids.set(pod, uid);
  }

  uidOf(pod: string): string | undefined {
    return this.uids.get(pod);
  }

  /** Resolves once `pod` reaches `milestone`; fails after `timeoutMs` with `context()`. */
  async waitFor(pod: string, milestone: Milestone, timeoutMs: number, context: () => string): Promise<void> {
    if (this.has(pod, milestone)) return;
    let timer: NodeJS.Timeout | undefined;
    const reached = new Promise<void>((resolve) => this.waiters.push({ pod, milestone, resolve }));
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    const outcome = await Promise.race([reached, late]);
    clearTimeout(timer);
    if (outcome === 'late') assert.fail(`pod ${pod} did not reach "${milestone}" within ${timeoutMs} ms (reached: ${this.position(pod)})\n${context()}`);
  }

  /** `after postStart running (+830 ms)`: the furthest milestone reached and how long ago. */
  position(pod: string, now = Date.now()): string {
    const furthest = this.furthest(pod);
    return furthest ? `after ${furthest.milestone} (+${now - furthest.at} ms)` : 'before stored';
  }

  /** The furthest milestone reached (by its place in a pod's life), if any. */
  furthest(pod: string): Reached | undefined {
    const list = this.reached.get(pod) ?? [];
    return [...list].sort((a, b) => MILESTONES.indexOf(b.milestone) - MILESTONES.indexOf(a.milestone))[0];
  }
}

/** A connection to one controller lifetime that feeds the ledger and the milestones. */
export async function observeController(dataDir: string, env: NodeJS.ProcessEnv, namespace: string, ledger: CommittedLedger, milestones: PodMilestones): Promise<SocketApi> {
  const api = await connectSocketApi(socketPathFor(dataDir, process.platform, { ...process.env, ...env }));
  api.subscribe('events', { namespace }, (batch) => {
    ledger.noteEvents(batch);
    for (const e of batch) {
      milestones.noteUid(e.involvedObject.name, e.involvedObject.uid);
      const milestone = EVENT_MILESTONES[e.reason];
      if (milestone) milestones.note(e.involvedObject.name, milestone);
    }
  });
  api.subscribe('hookRuns', {}, (run) => {
    if (run.namespace !== namespace) return;
    ledger.noteHookRun(run);
    const hook = run.hook === 'PostStart' ? 'postStart' : 'preStop';
    milestones.note(run.podName, run.finishedAt === null ? `${hook} running` : `${hook} done`);
  });
  api.subscribe('containerStops', {}, (stop) => {
    if (stop.namespace !== namespace) return;
    if (stop.signalAt !== null) milestones.note(stop.podName, 'stop signal sent');
    if (stop.exitedAt !== null) milestones.note(stop.podName, 'container exited');
  });
  api.subscribe('pods', { namespace }, (change) => {
    if (change.type === 'removed') milestones.note(change.name, 'removed');
    else milestones.noteUid(change.pod.name, change.pod.uid);
  });
  return api;
}
