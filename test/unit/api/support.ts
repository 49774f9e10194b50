// Shared by the core's tests: a core on a fresh data folder, with a fixed clock, a known node and
// no engine, and a way to catch what it refuses.
import assert from 'node:assert/strict';
import { openCore, type Core } from '../../../src-main/api/core';
import { ApiError } from '../../../src-main/api/errors';
import { describeLocalNode } from '../../../src-main/kubelet/node';
import { makeTempDir } from '../../support/temp';

export const testNode = describeLocalNode('testnode', 'linux', 'x64');
export const CLOCK = 1_700_000_000_000;

export interface TestCore {
  core: Core;
  dir: ReturnType<typeof makeTempDir>;
  /** Closes the core and removes its data folder. */
  remove(): Promise<void>;
}

export async function openTestCore(): Promise<TestCore> {
  const dir = makeTempDir();
  const core = await openCore({ dataDir: dir.path, engine: 'docker', node: testNode, now: () => CLOCK, env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
  return {
    core,
    dir,
    async remove() {
      await core.close();
      dir.remove();
    },
  };
}

/** The ApiError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** A pod that breaks Pod Security "baseline" twice: privileged, and a hostPath of "/". */
export const rootPod = (annotations = '') => `apiVersion: v1
kind: Pod
metadata:
  name: rooted${annotations}
spec:
  containers:
  - name: shell
    image: busybox:1.36
    securityContext:
      privileged: true
    volumeMounts:
    - {name: host, mountPath: /host}
  volumes:
  - name: host
    hostPath:
      path: /
`;
