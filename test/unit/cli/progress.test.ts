import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar, pullProgressLine } from '../../../src-main/cli/format/progress';

test('the pull progress bar fills with the percentage, and says when it is unknown', () => {
  assert.equal(progressBar(0, 10), '[----------]');
  assert.equal(progressBar(40, 10), '[####------]');
  assert.equal(progressBar(100, 10), '[##########]');
  assert.equal(progressBar(null, 4), '[????]');
  const line = pullProgressLine({ podUid: 'u', namespace: 'default', podName: 'web', container: 'main', image: 'r/x:1', percent: 45.4, layers: [{ id: 'a', status: 'Downloading' }, { id: 'b', status: 'Waiting' }] });
  assert.equal(line, 'pod/web main: pulling r/x:1 [###########-------------]  45%  2 layers');
});
