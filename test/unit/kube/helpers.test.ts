// The small helpers the runtime uses alongside the importer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultImagePullPolicy, formatDiagnostic, importManifests } from '../../../src-main/kube';
import type { Pod } from '../../../src-main/model';
import { podWith } from './support';

describe('helpers', () => {
  test('defaultImagePullPolicy: latest or no tag pulls Always, tags and digests IfNotPresent', () => {
    assert.equal(defaultImagePullPolicy('nginx'), 'Always');
    assert.equal(defaultImagePullPolicy('nginx:latest'), 'Always');
    assert.equal(defaultImagePullPolicy('nginx:1.27'), 'IfNotPresent');
    assert.equal(defaultImagePullPolicy('localhost:5000/team/app'), 'Always'); // a registry port is not a tag
    assert.equal(defaultImagePullPolicy('localhost:5000/team/app:v2'), 'IfNotPresent');
    assert.equal(
      defaultImagePullPolicy('nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000'),
      'IfNotPresent',
    );
  });

  test('an explicit imagePullPolicy is kept', () => {
    const pod = importManifests(podWith('    imagePullPolicy: Never'), 'pod.yaml').objects[0] as Pod;
    assert.equal(pod.spec.containers[0]?.imagePullPolicy, 'Never');
  });

  test('formatDiagnostic marks warnings and leaves out an empty path', () => {
    const base = { file: 'pod.yaml', line: 3, column: 5 };
    assert.equal(
      formatDiagnostic({ ...base, severity: 'warning', path: 'spec.affinity', message: 'field is not supported by Berth and is ignored' }),
      'pod.yaml:3:5: warning: spec.affinity: field is not supported by Berth and is ignored',
    );
    assert.equal(
      formatDiagnostic({ ...base, severity: 'error', path: '', message: 'not a text file' }),
      'pod.yaml:3:5: not a text file',
    );
  });
});
