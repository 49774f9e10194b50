// One engine's crash session: the data dir and namespace of a controller harness, the controller
// of the moment (`berth serve`) with the test's API connection to it, the pods the test applied
// and deleted through the CLI, and the checks run after each restart once the pods converged.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { instanceIdFor } from '../../../src-main/api/pod-host';
import type { PodObject } from '../../../src-main/api/results';
import type { HookRun } from '../../../src-main/model';
import type { SocketApi } from '../../../src-main/rpc/client';
import { runBerth, type CliRun, type Controller } from '../../support/cli';
import type { ControllerHarness } from '../../support/controller-harness';
import { BUSYBOX_IMAGE } from '../../support/engines';
import { delay, statusOf } from '../../support/pod-harness';
import { assertEngineHolds, assertHooksOf, markerLines, readStore } from './checks';
import { CommittedLedger, observeController, PodMilestones } from './observer';
import { markersVolume, newCrashPod, type TrackedPod } from './pods';

const CONVERGE_MS = 90_000;

export class CrashSession {
  readonly ledger = new CommittedLedger();
  readonly milestones = new PodMilestones();
  readonly pods: TrackedPod[] = [];
  private markersDir: string | undefined;
  private controller: Controller | undefined;
  private connection: SocketApi | undefined;
  private nextIndex = 1;

  /** `live` is the harness's list of pods to delete when the test ends: kept to those wanted running. */
  constructor(
    readonly h: ControllerHarness,
    private readonly live: string[],
  ) {}

  get api(): SocketApi {
    assert.ok(this.connection, 'no controller connection');
    return this.connection;
  }

  /** Starts `berth serve` and connects the test's observer to it. */
  async start(): Promise<void> {
    this.controller = await this.h.startController();
    this.connection = await observeController(this.h.dir, this.h.env, this.h.namespace, this.ledger, this.milestones);
  }

  /** SIGKILL: no chance to finish anything. */
  async kill(): Promise<void> {
    const controller = this.controller!;
    controller.kill('SIGKILL');
    await controller.stopped;
    this.connection?.close();
    this.connection = undefined;
  }

  /** SIGTERM: the controller shuts down as a user stops it (pods are left running). */
  async stop(): Promise<void> {
    this.connection?.close();
    this.connection = undefined;
    await this.controller?.stop('SIGTERM');
  }

  log(): string {
    return this.controller?.log() ?? '';
  }

  berth(args: string[]): Promise<CliRun> {
    return runBerth(args, { env: this.h.env });
  }

  newPod(): TrackedPod {
    const pod = newCrashPod(this.h.dir, this.h.namespace, this.nextIndex++);
    this.pods.push(pod);
    return pod;
  }

  /** The pod wanted running the longest. */
  oldestRunning(): TrackedPod | undefined {
    return this.pods.find((p) => p.want === 'running');
  }

  apply(pod: TrackedPod): Promise<CliRun> {
    return this.berth(['apply', '-f', pod.file]);
  }

  delete(pod: TrackedPod): Promise<CliRun> {
    pod.want = 'gone';
    // The timeout bounds a delete that found no controller and runs the deletion itself.
    return this.berth(['delete', 'pod', pod.name, '-n', this.h.namespace, '--timeout', '60s']);
  }

  /** What a user does when their command died with the controller: runs it again. */
  async repeatUnsure(): Promise<void> {
    for (const pod of this.pods.filter((p) => p.unsure)) {
      const run = pod.want === 'running' ? await this.apply(pod) : await this.delete(pod);
      const output = `${run.stdout}${run.stderr}`;
      const fine = pod.want === 'running' ? run.code === 0 && /created|unchanged/.test(run.stdout) : run.code === 0 || /not found/.test(run.stderr);
      assert.ok(fine, `repeating the ${pod.want === 'running' ? 'apply' : 'delete'} of ${pod.name} (exit ${run.code}):\n${output}\n${this.log()}`);
      pod.unsure = false;
    }
  }

  /** Waits until every pod wanted running is Running and ready, and every other one is gone. */
  async converge(): Promise<void> {
    const deadline = Date.now() + CONVERGE_MS;
    for (;;) {
      const listed = await this.api.listPods({ namespace: this.h.namespace });
      const pending = this.pods.flatMap((pod) => {
        const summary = listed.find((p) => p.name === pod.name);
        if (pod.want === 'gone') return summary ? [`${pod.name} still listed (${summary.status})`] : [];
        return summary?.status === 'Running' && summary.ready === '1/1' ? [] : [`${pod.name} ${summary ? `${summary.status} ${summary.ready}` : 'missing'}`];
      });
      if (pending.length === 0) break;
      if (Date.now() > deadline) assert.fail(`pods did not converge within ${CONVERGE_MS} ms: ${pending.join('; ')}\n${await this.diagnose()}`);
      await delay(250);
    }
    this.live.splice(0, this.live.length, ...this.pods.filter((p) => p.want === 'running').map((p) => p.name));
  }

  /** Every check of a converged state. */
  async verify(): Promise<void> {
    const [running, events] = await Promise.all([this.runningAsShown(), this.api.listEvents({ namespace: this.h.namespace, limit: 10_000 })]);
    await assertEngineHolds(this.h.engine, instanceIdFor(this.h.dir), this.h.namespace, new Map(running.map((p) => [p.metadata.uid, p.metadata.name])));
    const runs = readStore(join(this.h.dir, 'berth.db'));
    this.ledger.assertHookRunsKept(runs);
    this.ledger.assertEventsKept(events);
    // What the store holds now is committed too: the next restart must keep it as well.
    this.ledger.noteEvents(events);
    for (const run of runs) this.ledger.noteHookRun(run);
    for (const pod of this.pods) {
      const uid = this.milestones.uidOf(pod.name);
      assert.ok(uid, `the uid of ${pod.name} was seen`);
      assertHooksOf(pod.name, runs.filter((r) => r.podUid === uid), markerLines(join(await this.markers(), pod.name)), pod.want === 'gone');
    }
  }

  /** Where the markers' volume lives on this machine (the engines run here, as root). */
  private async markers(): Promise<string> {
    this.markersDir ??= (await this.h.engine.docker.getVolume(markersVolume(this.h.namespace)).inspect()).Mountpoint;
    return this.markersDir;
  }

  /**
   * `berth hooks POD`: a hook run the kill cut, of a pod still there, is shown closed as
   * interrupted, and the next attempt as done. (A gone pod's runs are checked in the store.)
   */
  async assertRedeliveryShown(cut: readonly HookRun[]): Promise<void> {
    for (const run of cut.filter((r) => this.pods.some((p) => p.name === r.podName && p.want === 'running'))) {
      const shown = await this.berth(['hooks', run.podName, '-n', this.h.namespace, '-o', 'json']);
      assert.equal(shown.code, 0, `berth hooks ${run.podName}:\n${shown.stdout}${shown.stderr}`);
      const runs = JSON.parse(shown.stdout) as HookRun[];
      const closed = runs.find((r) => r.id === run.id);
      const next = runs.find((r) => r.hook === run.hook && r.containerId === run.containerId && r.attempt === run.attempt + 1);
      if (closed?.finishedAt && closed.error === null) continue; // it finished just before the kill
      if (/^interrupted/.test(closed?.error ?? '') && next?.finishedAt && next.error === null) continue;
      const table = (await this.berth(['hooks', run.podName, '-n', this.h.namespace])).stdout;
      assert.fail(`the cut ${run.hook} run #${run.id} of ${run.podName} should show as interrupted, then attempt ${run.attempt + 1} done:\n${table}`);
    }
  }

  /** `berth get pods -o json`: exactly the pods wanted running, each as its spec says. */
  private async runningAsShown(): Promise<PodObject[]> {
    const run = await this.berth(['get', 'pods', '-n', this.h.namespace, '-o', 'json']);
    assert.equal(run.code, 0, `berth get pods:\n${run.stdout}${run.stderr}`);
    const items = (JSON.parse(run.stdout) as { items: PodObject[] }).items;
    const wanted = this.pods.filter((p) => p.want === 'running').map((p) => p.name);
    assert.deepEqual(items.map((p) => p.metadata.name).sort(), wanted.sort(), 'berth get pods lists exactly the pods not deleted');
    for (const pod of items) {
      this.milestones.noteUid(pod.metadata.name, pod.metadata.uid);
      const status = statusOf(pod);
      const main = status.containerStatuses?.find((c) => c.name === 'main');
      const shown = JSON.stringify(status);
      assert.equal(status.phase, 'Running', `${pod.metadata.name}: ${shown}`);
      assert.ok(main?.state.running && main.ready && main.started, `${pod.metadata.name}/main running, started and ready: ${shown}`);
      assert.equal(main.restartCount, 0, `${pod.metadata.name}/main never restarted: ${shown}`);
      // Podman names a local image `localhost/…`.
      assert.ok([BUSYBOX_IMAGE, `localhost/${BUSYBOX_IMAGE}`].includes((main as { image?: string }).image ?? ''), `${pod.metadata.name}/main runs the spec's image: ${shown}`);
    }
    return items;
  }

  /** Each unsettled pod as `berth describe` shows it, and the controller's log. */
  async diagnose(): Promise<string> {
    const parts: string[] = [];
    for (const pod of this.pods.slice(-4)) {
      const described = await this.berth(['describe', 'pod', pod.name, '-n', this.h.namespace]);
      parts.push(`--- ${pod.name} (want ${pod.want}, ${this.milestones.position(pod.name)}):\n${described.stdout}${described.stderr}`);
    }
    return `${parts.join('\n')}\n--- controller log:\n${this.log().slice(-4000)}`;
  }
}
