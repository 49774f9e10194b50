// The engine port's contract (test/support/engine-contract-cases.ts) on the FakeEngine, with the
// system clock; test/engine/engine-contract.test.ts runs the same cases on Docker and Podman.
import { describe, test } from 'node:test';
import { FakeEngine } from '../../../src-main/engine/fake';
import type { EngineKind } from '../../../src-main/engine/endpoint';
import type { FakeProgram } from '../../../src-main/engine/fake';
import { CONTRACT_CASES } from '../../support/engine-contract-cases';
import type { ContractContext } from '../../support/engine-contract-cases';

const IMAGE = 'local/busybox:1';

function fakeContext(kind: EngineKind): ContractContext {
  const programs = new Map<string, FakeProgram>();
  const engine = new FakeEngine({ kind, images: [IMAGE], programs: (spec) => programs.get(spec.name ?? '') });
  let n = 0;
  const name = (base: string): string => `contract-${base}-${++n}`;
  const labels = { 'berth.test.run': 'fake' };
  return {
    engine,
    image: IMAGE,
    labels,
    name,
    async create(c, spec = {}) {
      const containerName = name('c');
      programs.set(containerName, c.program);
      return engine.createContainer({ image: IMAGE, cmd: ['sh', '-c', c.command], ...spec, name: containerName, labels: { ...labels, ...spec.labels } });
    },
    track: () => undefined,
    missingImage: { ref: '127.0.0.1:5000/berth-contract/missing:1', auth: { username: 'alice', password: 's3cret', serveraddress: '127.0.0.1:5000' } },
  };
}

// As Docker and as Podman: where the two differ, the fake answers as the engine it plays.
for (const kind of ['docker', 'podman'] as const) {
  describe(`engine contract on the FakeEngine (as ${kind})`, () => {
    for (const c of CONTRACT_CASES) test(c.name, () => c.run(fakeContext(kind)));
  });
}
