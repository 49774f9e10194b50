// Shared set-up for every test that talks to a real engine: which engines, the test images and
// registry, a label for this run's containers, and clean-up of exactly those containers.
// Engines come from test/setup/engines.sh (`npm run engines:start`); a missing engine FAILS the
// tests that need it, it is never skipped silently.
import { randomBytes } from 'node:crypto';
import { connectDockerode } from '../../src-main/engine/connect';
import type { DockerodeEngine } from '../../src-main/engine/dockerode/adapter';
import type { Engine, RegistryAuth } from '../../src-main/engine/engine';
import { engineStatusCode } from '../../src-main/engine/engine';
import type { EngineKind } from '../../src-main/engine/endpoint';
import { LABELS } from '../../src-main/engine/labels';

/** Built by test/setup/engines.sh into both engines. */
export const BUSYBOX_IMAGE = 'local/busybox:1';
/** The sandbox image: sleeps forever, exits 0 at once on SIGTERM/SIGINT. */
export const PAUSE_IMAGE = 'local/pause:1';

/** The password-protected registry engines.sh runs on loopback. */
export const TEST_REGISTRY = {
  address: '127.0.0.1:5000',
  username: 'alice',
  password: 's3cret',
  /** local/busybox:1, pushed there by engines.sh (and not tagged locally). */
  privateImage: '127.0.0.1:5000/private/busybox:1',
} as const;

export const TEST_REGISTRY_AUTH: RegistryAuth = {
  username: TEST_REGISTRY.username,
  password: TEST_REGISTRY.password,
  serveraddress: TEST_REGISTRY.address,
};

export const ENGINE_SOCKETS: Record<EngineKind, string> = {
  docker: '/var/run/docker.sock',
  podman: '/run/podman/podman.sock',
};

const ALL_ENGINES: EngineKind[] = ['docker', 'podman'];

/** Engines under test: both unless BERTH_TEST_ENGINES (comma-separated) narrows it down. */
export function testEngineKinds(env: NodeJS.ProcessEnv = process.env): EngineKind[] {
  const wanted = env.BERTH_TEST_ENGINES?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted || wanted.length === 0) return ALL_ENGINES;
  const unknown = wanted.filter((w) => !ALL_ENGINES.includes(w as EngineKind));
  if (unknown.length > 0) {
    throw new Error(`BERTH_TEST_ENGINES: unknown engine(s) ${unknown.join(', ')}; use docker, podman or docker,podman`);
  }
  return ALL_ENGINES.filter((k) => wanted.includes(k));
}

/** Label every test container carries; its value identifies this test process's run. */
export const TEST_RUN_LABEL = 'berth.test.run';
export const testRunId = process.env.BERTH_TEST_RUN_ID ?? `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Labels for a test container: this run's label plus any others. */
export function testLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { [TEST_RUN_LABEL]: testRunId, ...extra };
}

/** A name unique to this run, so parallel test files never collide on container names. */
export function testName(base: string): string {
  return `berth-test-${testRunId}-${base}-${randomBytes(2).toString('hex')}`;
}

/** Connects to one engine at its known socket, or fails with what to do about it. */
export async function connectTestEngine(kind: EngineKind): Promise<DockerodeEngine> {
  const socket = ENGINE_SOCKETS[kind];
  try {
    // A loaded 2-core machine can keep Podman from answering within the normal 3 s probe.
    return await connectDockerode({ engine: kind, host: `unix://${socket}`, requestTimeoutMs: 30_000 });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `The ${kind} engine is not available at ${socket}, and the engine tests need it.\n` +
        `Run \`npm run engines:start\` (as root) to start Docker, Podman and the test registry, ` +
        `or set BERTH_TEST_ENGINES to test only the engines you have.\n\n${detail}`,
      { cause: err },
    );
  }
}

/**
 * Removes every container of this run (or of `runId`) on one engine. Podman refuses to remove a
 * container that others joined, so containers that failed are retried after the others went:
 * pods' containers go before their sandboxes.
 */
export async function cleanupTestContainers(engine: Engine, runId: string = testRunId): Promise<number> {
  let pending = await engine.listContainers({ labels: { [TEST_RUN_LABEL]: runId }, all: true });
  // Sandboxes last from the start; the retry loop covers containers joined some other way.
  pending.sort((a, b) => Number(a.labels[LABELS.role] === 'sandbox') - Number(b.labels[LABELS.role] === 'sandbox'));
  let removed = 0;
  let lastError: unknown;
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    const failed: typeof pending = [];
    for (const c of pending) {
      try {
        if (await engine.removeContainer(c.id, { force: true, volumes: true })) removed++;
      } catch (err) {
        lastError = err;
        failed.push(c);
      }
    }
    pending = failed;
  }
  if (pending.length > 0) {
    const status = engineStatusCode(lastError);
    throw new Error(
      `could not remove ${pending.length} test container(s) on ${engine.kind}: ${pending.map((c) => c.name).join(', ')}` +
        ` (last error${status ? ` ${status}` : ''}: ${lastError instanceof Error ? lastError.message : String(lastError)})`,
    );
  }
  return removed;
}
