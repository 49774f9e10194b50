// The controller users run (`berth serve`, the built bundle) measured twice: idle before it is
// given any pod, then with `pods` pods running. The memory and CPU figures share this set-up.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { instanceIdFor } from '../../../src-main/api/pod-host';
import type { EngineKind } from '../../../src-main/engine/endpoint';
import { runBerth, startController } from '../../support/cli';
import { connectTestEngine, ENGINE_SOCKETS, PAUSE_IMAGE } from '../../support/engines';
import { removeLeftovers } from '../../support/pod-harness';
import { makeTempDir } from '../../support/temp';
import { benchPodYaml, HANDLES_TERM } from './pods';

interface PodList {
  items: { status?: { phase?: string; containerStatuses?: { state?: { running?: unknown } }[] } }[];
}

export interface ControllerPhases<I, R> {
  /** Measures the idle controller (its pid). */
  idle(pid: number): Promise<I>;
  /** Measures it with every pod running. */
  running(pid: number): Promise<R>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withControllerPods<I, R>(kind: EngineKind, pods: number, log: (message: string) => void, phases: ControllerPhases<I, R>): Promise<{ idle: I; running: R }> {
  const engine = await connectTestEngine(kind);
  const temp = makeTempDir(`berth-bench-controller-${kind}-`);
  const namespace = `bench-${randomBytes(3).toString('hex')}`;
  const env = { BERTH_DATA_DIR: temp.path, BERTH_ENGINE: kind, DOCKER_HOST: `unix://${ENGINE_SOCKETS[kind]}`, BERTH_SANDBOX_IMAGE: PAUSE_IMAGE };
  const controller = await startController(env, 30_000, 'built');
  const names = Array.from({ length: pods }, (_, i) => `ctl-${i}`);
  try {
    const pid = controller.child.pid!;
    log(`${kind}: idle controller`);
    const idle = await phases.idle(pid);

    const file = join(temp.path, 'pods.yaml');
    writeFileSync(file, names.map((n) => benchPodYaml(n, 1, HANDLES_TERM, 0, namespace)).join('\n---\n'));
    log(`${kind}: applying ${pods} pods`);
    const applied = await runBerth(['apply', '-f', file], { env });
    if (applied.code !== 0) throw new Error(`berth apply: ${applied.stderr}`);
    const deadline = Date.now() + 300_000;
    for (let running = 0; running < pods; ) {
      if (Date.now() > deadline) throw new Error(`${kind}: only ${running} of ${pods} pods running after 5 minutes`);
      await delay(1000);
      const got = await runBerth(['get', 'pods', '-n', namespace, '-o', 'json'], { env });
      const list = JSON.parse(got.stdout) as PodList;
      running = list.items.filter((p) => p.status?.phase === 'Running' && p.status.containerStatuses?.every((c) => c.state?.running)).length;
    }
    log(`${kind}: ${pods} pods running`);
    const running = await phases.running(pid);
    const deleted = await runBerth(['delete', 'pod', ...names, '-n', namespace, '--grace-period', '0', '--wait', '--timeout', '180s'], { env });
    if (deleted.code !== 0) log(`${kind}: delete failed: ${deleted.stderr}`);
    return { idle, running };
  } finally {
    await controller.stop('SIGTERM');
    await removeLeftovers(engine, instanceIdFor(temp.path), namespace);
    temp.remove();
  }
}
