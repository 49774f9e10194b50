// The pods the crash runs apply and delete: one spec family whose hooks take long enough for a
// SIGKILL to land inside them, and which write begin/end markers to a claim's volume (so the
// markers outlive the pod) for the test to count deliveries independently of Berth's records.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DockerodeEngine as Engine } from '../../../src-main/engine/dockerode/adapter';
import { isNotFound } from '../../../src-main/engine/engine';
import { pvcVolumeName } from '../../../src-main/kubelet/volumes';
import { busybox, podYaml } from '../../support/pod-harness';

/** Exits 1 s after SIGTERM: the kill leaves the stop signal and the exit a window of their own. */
const MAIN = "trap 'sleep 1; exit 0' TERM; while true; do sleep 1 & wait $!; done";

export interface TrackedPod {
  name: string;
  file: string;
  want: 'running' | 'gone';
  /** The CLI command that set `want` failed (the controller died under it): the user runs it again. */
  unsure: boolean;
}

function hook(name: string, label: string): string {
  return JSON.stringify(`echo ${label} begin >> /markers/${name}; sleep 2; echo ${label} end >> /markers/${name}`);
}

/** The claim every crash pod mounts at /markers: an engine volume that outlives the pods. */
export const MARKERS_CLAIM = 'crash-markers';

export function crashPodYaml(name: string, namespace: string): string {
  const container = busybox(
    'main',
    MAIN,
    `
    volumeMounts: [{name: markers, mountPath: /markers}]
    lifecycle:
      postStart: {exec: {command: [sh, -c, ${hook(name, 'postStart')}]}}
      preStop: {exec: {command: [sh, -c, ${hook(name, 'preStop')}]}}`,
  );
  return podYaml(name, container, {
    metadata: `\n  namespace: ${namespace}`,
    spec: `\n  volumes:\n  - name: markers\n    persistentVolumeClaim: {claimName: ${MARKERS_CLAIM}}`,
  });
}

/** Writes the next pod's YAML into `dir` and tracks it as wanted running. */
export function newCrashPod(dir: string, namespace: string, index: number): TrackedPod {
  const name = `crash-${index}`;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, crashPodYaml(name, namespace));
  return { name, file, want: 'running', unsure: false };
}

/** The engine volume of the markers' claim in `namespace`. */
export function markersVolume(namespace: string): string {
  return pvcVolumeName(namespace, MARKERS_CLAIM);
}

/** Removes the markers' volume (once no pod uses it any more); gone already is fine. */
export async function removeMarkersVolume(engine: Engine, namespace: string): Promise<void> {
  await engine.docker
    .getVolume(markersVolume(namespace))
    .remove()
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}
