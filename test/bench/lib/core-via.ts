// A Berth core that runs pods through a given engine endpoint (the counting proxy), reached the
// way users point Berth at an engine: DOCKER_HOST for Docker, CONTAINER_HOST for Podman. The pod
// harness always dials the engine's own socket, so the reads figure opens its core here.
import { randomBytes } from 'node:crypto';
import { openCore, type Core } from '../../../src-main/api/core';
import { instanceIdFor } from '../../../src-main/api/pod-host';
import type { EngineKind } from '../../../src-main/engine/endpoint';
import { connectTestEngine, PAUSE_IMAGE } from '../../support/engines';
import { removeLeftovers } from '../../support/pod-harness';
import { makeTempDir } from '../../support/temp';
import type { PodsClient } from './pods';

export interface CoreVia extends PodsClient {
  /** The core itself (the profile driver times its store). */
  core: Core;
  /** Removes every pod, closes the core, then removes whatever it left on the engine. */
  cleanup(): Promise<void>;
}

const ENDPOINT_VARIABLE: Record<EngineKind, string> = { docker: 'DOCKER_HOST', podman: 'CONTAINER_HOST' };

export async function openCoreVia(kind: EngineKind, address: string, log: (message: string) => void): Promise<CoreVia> {
  const temp = makeTempDir(`berth-bench-via-${kind}-`);
  const namespace = `bench-${randomBytes(3).toString('hex')}`;
  const core = await openCore({
    dataDir: temp.path,
    engine: kind,
    env: { [ENDPOINT_VARIABLE[kind]]: address },
    runPods: true,
    sandboxImage: PAUSE_IMAGE,
    log: (message) => log(`berth: ${message}`),
  });
  const { api } = core;
  return {
    core,
    api,
    namespace,
    // Bench YAML names its namespace (benchPodYaml's last argument), so it is applied as it is.
    apply: (text) => api.apply({ fileName: `${namespace}.yaml`, text }),
    async cleanup() {
      try {
        const pods = await api.listPods({ namespace });
        await Promise.all(pods.map((p) => api.deletePod({ namespace, name: p.name, gracePeriodSeconds: 0 }).catch(() => undefined)));
      } finally {
        await core.close();
        // The engine's own socket: what the proxy might not pass any more is removed all the same.
        const engine = await connectTestEngine(kind);
        const { left } = await removeLeftovers(engine, instanceIdFor(temp.path), namespace);
        if (left.length) log(`removed ${left.length} container(s) the core left on ${kind}`);
        temp.remove();
      }
    },
  };
}
