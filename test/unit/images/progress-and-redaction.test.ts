// Layer progress folded from pull stream messages, and pull errors without secrets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PullProgressTracker } from '../../../src-main/images/pull-progress';
import { engineErrorMessage, redactSecrets } from '../../../src-main/images/redact';

describe('PullProgressTracker', () => {
  test('Docker: layers go from download (80 %) through extraction (20 %) to complete', () => {
    const tracker = new PullProgressTracker('app:1');
    assert.equal(tracker.update({ status: 'Pulling from private/app', id: '1' }), undefined, 'the tag line is not a layer');
    tracker.update({ status: 'Pulling fs layer', id: 'aaa', progressDetail: {} });
    tracker.update({ status: 'Already exists', id: 'bbb', progressDetail: {} });
    let p = tracker.update({ status: 'Downloading', id: 'aaa', progressDetail: { current: 50, total: 100 } });
    assert.deepEqual(p?.layers, [
      { id: 'aaa', status: 'Downloading', current: 50, total: 100 },
      { id: 'bbb', status: 'Already exists' },
    ]);
    assert.equal(p?.percent, 70); // (0.4 + 1) / 2
    tracker.update({ status: 'Download complete', id: 'aaa', progressDetail: {} });
    p = tracker.update({ status: 'Extracting', id: 'aaa', progressDetail: { current: 100, total: 100 } });
    assert.equal(p?.percent, 100);
    p = tracker.update({ status: 'Pull complete', id: 'aaa', progressDetail: {} });
    assert.equal(p?.percent, 100);
    assert.equal(p?.image, 'app:1');
    assert.equal(tracker.update({ status: 'Digest: sha256:abc' }), undefined);
  });

  test('Podman: blobs are announced and completed; the end of the pull makes it 100 %', () => {
    const tracker = new PullProgressTracker('app:1');
    tracker.update({ status: 'Pulling fs layer', id: 'aaa', progressDetail: {} });
    const p = tracker.update({ status: 'Download complete', id: 'aaa', progressDetail: {} });
    assert.equal(p?.percent, 80);
    assert.equal(tracker.complete().percent, 100);
  });

  test('no layer known yet: percent is undefined', () => {
    assert.equal(new PullProgressTracker('x').snapshot().percent, undefined);
  });
});

describe('engineErrorMessage', () => {
  test('docker-modem\'s wrapper is removed, the engine\'s words kept', () => {
    const error = new Error('(HTTP code 500) server error - Head "http://127.0.0.1:5000/v2/private/busybox/manifests/1": no basic auth credentials ');
    assert.equal(engineErrorMessage(error), 'Head "http://127.0.0.1:5000/v2/private/busybox/manifests/1": no basic auth credentials');
  });
  test('the JSON body\'s message is preferred when docker-modem kept it', () => {
    assert.equal(engineErrorMessage(Object.assign(new Error('(HTTP code 404) unexpected - x'), { json: { message: 'manifest unknown' } })), 'manifest unknown');
  });
  test('Podman\'s in-stream error passes through', () => {
    assert.equal(engineErrorMessage(new Error('initializing source docker://x: unauthorized')), 'initializing source docker://x: unauthorized');
  });
});

describe('redactSecrets', () => {
  const alice = { username: 'alice', password: 's3cret' };

  test('passwords, their base64 auth form, URL credentials and X-Registry-Auth values are removed', () => {
    const auth = Buffer.from('alice:s3cret').toString('base64');
    const text = `pull https://alice:s3cret@reg.example.com/v2/ failed; auth=${auth}; X-Registry-Auth: eyJwYXNzd29yZCI6InMzY3JldCJ9; said s3cret`;
    const out = redactSecrets(text, [alice]);
    assert.doesNotMatch(out, /s3cret/);
    assert.ok(!out.includes(auth));
    assert.ok(!out.includes('eyJwYXNzd29yZCI6InMzY3JldCJ9'));
    assert.match(out, /https:\/\/alice:\[redacted\]@reg\.example\.com/);
  });

  test('JSON password and auth fields are removed even for unknown credentials', () => {
    assert.equal(
      redactSecrets('{"username":"bob","password":"pw\\"x","auth":"Ym9iOnB3"}'),
      '{"username":"bob","password":"[redacted]","auth":"[redacted]"}',
    );
  });

  test('text without secrets is unchanged', () => {
    const text = 'manifest for 127.0.0.1:5000/private/x:1 not found: manifest unknown';
    assert.equal(redactSecrets(text, [alice]), text);
  });
});
