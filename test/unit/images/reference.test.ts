// Image references as the kubelet reads them: pkg/util/parsers ParseImageName (its test table),
// image_manager_test.go TestApplyDefaultImageTag, and distribution/reference's error texts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goQuote } from '../../../src-main/kube/go-format';
import {
  InvalidImageNameError,
  parseImageReference,
  tryParseImageReference,
} from '../../../src-main/images/reference';

const sha = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';

describe('ParseImageName: name, tag and digest', () => {
  const cases: [input: string, name: string, tag: string | undefined, digest: string | undefined][] = [
    ['root', 'docker.io/library/root', 'latest', undefined],
    ['root:tag', 'docker.io/library/root', 'tag', undefined],
    [`root@${sha}`, 'docker.io/library/root', undefined, sha],
    ['user/repo', 'docker.io/user/repo', 'latest', undefined],
    ['user/repo:tag', 'docker.io/user/repo', 'tag', undefined],
    [`user/repo@${sha}`, 'docker.io/user/repo', undefined, sha],
    ['url:5000/repo', 'url:5000/repo', 'latest', undefined],
    ['url:5000/repo:tag', 'url:5000/repo', 'tag', undefined],
    [`url:5000/repo@${sha}`, 'url:5000/repo', undefined, sha],
    [`url:5000/repo:latest@${sha}`, 'url:5000/repo', 'latest', sha],
    ['127.0.0.1:5000/private/busybox:1', '127.0.0.1:5000/private/busybox', '1', undefined],
    ['docker.io/busybox', 'docker.io/library/busybox', 'latest', undefined],
    ['index.docker.io/library/busybox:1.36', 'docker.io/library/busybox', '1.36', undefined],
    ['localhost/app', 'localhost/app', 'latest', undefined],
    ['quay.io/coreos/etcd:v3.5.0', 'quay.io/coreos/etcd', 'v3.5.0', undefined],
    ['[::1]:5000/app:v1', '[::1]:5000/app', 'v1', undefined],
    ['a/b__c/d--e.f:Tag_1.0-x', 'docker.io/a/b__c/d--e.f', 'Tag_1.0-x', undefined],
  ];
  for (const [input, name, tag, digest] of cases) {
    test(input, () => {
      const ref = parseImageReference(input);
      assert.deepEqual({ name: ref.name, tag: ref.tag, digest: ref.digest }, { name, tag, digest });
    });
  }

  test('domain and path are split as the registry sees them', () => {
    const ref = parseImageReference('127.0.0.1:5000/private/busybox:1');
    assert.equal(ref.domain, '127.0.0.1:5000');
    assert.equal(ref.path, 'private/busybox');
    const hub = parseImageReference('busybox');
    assert.equal(hub.domain, 'docker.io');
    assert.equal(hub.path, 'library/busybox');
  });
});

describe('applyDefaultImageTag (TestApplyDefaultImageTag) and the pull reference', () => {
  const cases: [input: string, withDefaultTag: string, pullRef: string][] = [
    ['root', 'root:latest', 'docker.io/library/root:latest'],
    ['root:tag', 'root:tag', 'docker.io/library/root:tag'],
    [`root@${sha}`, `root@${sha}`, `docker.io/library/root@${sha}`],
    [`root:latest@${sha}`, `root:latest@${sha}`, `docker.io/library/root@${sha}`],
    ['root:latest', 'root:latest', 'docker.io/library/root:latest'],
    ['127.0.0.1:5000/private/busybox', '127.0.0.1:5000/private/busybox:latest', '127.0.0.1:5000/private/busybox:latest'],
  ];
  for (const [input, withDefaultTag, pullRef] of cases) {
    test(input, () => {
      const ref = parseImageReference(input);
      assert.equal(ref.withDefaultTag, withDefaultTag);
      assert.equal(ref.pullRef, pullRef);
      assert.equal(ref.original, input);
    });
  }
});

describe('invalid names: InvalidImageName with the kubelet\'s message', () => {
  const message = (image: string, detail: string) =>
    `Failed to apply default image tag ${JSON.stringify(image)}: couldn't parse image name ${JSON.stringify(image)}: ${detail}`;
  const cases: [input: string, detail: string][] = [
    ['', 'invalid reference format'],
    ['root:tag:', 'invalid reference format'],
    ['http://root', 'invalid reference format'],
    ['busybox:', 'invalid reference format'],
    ['busy box', 'invalid reference format'],
    ['-busybox', 'invalid reference format'],
    ['busybox@sha256:abc', 'invalid reference format'],
    [`busybox:${'t'.repeat(129)}`, 'invalid reference format'],
    ['ROOT', 'invalid reference format: repository name (library/ROOT) must be lowercase'],
    ['user/Repo:tag', 'invalid reference format: repository name (user/Repo) must be lowercase'],
    ['e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582', 'invalid repository name (e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582), cannot specify 64-byte hexadecimal strings'],
    [`a/${'b'.repeat(260)}`, 'repository name must not be more than 255 characters'],
    [`busybox@sha256:${'a'.repeat(32)}`, 'invalid checksum digest length'],
    [`busybox@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`busybox@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [`busybox@constructor:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
  ];
  for (const [input, detail] of cases) {
    test(JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input), () => {
      const result = tryParseImageReference(input);
      assert.ok(result instanceof InvalidImageNameError, 'expected InvalidImageNameError');
      assert.equal(result.reason, 'InvalidImageName');
      assert.equal(result.message, message(input, detail));
    });
  }

  test('parseImageReference throws it', () => {
    assert.throws(() => parseImageReference('Bad:Name'), InvalidImageNameError);
  });

  // Catastrophic backtracking would hang here; the test's time limit turns that into a failure.
  test('a long hostile name is refused, not hung on', { timeout: 10_000 }, () => {
    assert.ok(tryParseImageReference(`${'a-'.repeat(3000)}!`) instanceof InvalidImageNameError);
    assert.ok(tryParseImageReference(`${'a.'.repeat(3000)}/x!`) instanceof InvalidImageNameError);
  });
});

describe('goQuote (Go %q) for the names in messages', () => {
  test('plain names are just double-quoted; quotes, backslashes and control characters escaped', () => {
    assert.equal(goQuote('busybox:1'), '"busybox:1"');
    assert.equal(goQuote('a"b\\c\nd\te\u0001'), '"a\\"b\\\\c\\nd\\te\\x01"');
    assert.equal(goQuote('ümlaut'), '"ümlaut"');
  });
});
