// The engine port's contract (test/support/engine-contract-cases.ts) on real Docker and Podman;
// test/unit/engine/fake-engine.contract.test.ts runs the same cases on the FakeEngine.
import { after, before, describe, test } from 'node:test';
import type { DockerodeEngine } from '../../src-main/engine/dockerode/adapter';
import { CONTRACT_CASES } from '../support/engine-contract-cases';
import type { ContractContext } from '../support/engine-contract-cases';
import { BUSYBOX_IMAGE, cleanupTestContainers, connectTestEngine, TEST_REGISTRY, TEST_REGISTRY_AUTH, testEngineKinds, testLabels, testName } from '../support/engines';

for (const kind of testEngineKinds()) {
  describe(`engine contract on ${kind}`, () => {
    let engine: DockerodeEngine;
    const networks: string[] = [];
    const volumes: string[] = [];

    before(async () => {
      engine = await connectTestEngine(kind);
    });

    after(async () => {
      if (!engine) return;
      await cleanupTestContainers(engine);
      for (const name of networks) await engine.removeNetwork(name).catch(() => false);
      for (const name of volumes) await engine.removeVolume(name).catch(() => false);
    });

    const context = (): ContractContext => ({
      engine,
      image: BUSYBOX_IMAGE,
      labels: testLabels(),
      name: (base) => testName(`contract-${base}`),
      create: (c, spec = {}) =>
        engine.createContainer({ image: BUSYBOX_IMAGE, cmd: ['sh', '-c', c.command], ...spec, name: testName('contract'), labels: testLabels(spec.labels) }),
      track: (what, name) => (what === 'network' ? networks : volumes).push(name),
      missingImage: { ref: `${TEST_REGISTRY.address}/berth-contract/missing:1`, auth: TEST_REGISTRY_AUTH },
    });

    for (const c of CONTRACT_CASES) test(c.name, () => c.run(context()));
  });
}
