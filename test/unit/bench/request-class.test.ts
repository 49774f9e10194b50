import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyRequest, describeCounts, READ_CLASSES, sumOf, WRITE_CLASSES } from '../../bench/lib/request-class';

describe('classifyRequest', () => {
  test('container reads: list and inspect, with or without the API version and a query', () => {
    assert.equal(classifyRequest('GET', '/v1.41/containers/json?all=1&filters=%7B%7D'), 'list');
    assert.equal(classifyRequest('GET', '/containers/json'), 'list');
    assert.equal(classifyRequest('GET', '/v1.41/containers/abc123/json'), 'inspect');
    assert.equal(classifyRequest('get', '/v1.40/containers/berth-pod_c0/json?size=false'), 'inspect');
  });

  test('image inspect, names with a registry and a tag included', () => {
    assert.equal(classifyRequest('GET', '/v1.41/images/local/pause:1/json'), 'image-inspect');
    assert.equal(classifyRequest('GET', '/images/127.0.0.1:5000/private/busybox:1/json'), 'image-inspect');
  });

  test('held-open requests are their own classes: the event stream and /wait', () => {
    assert.equal(classifyRequest('GET', '/v1.41/events?filters=x'), 'events');
    assert.equal(classifyRequest('POST', '/v1.41/containers/abc/wait?condition=not-running'), 'wait');
  });

  test('writes: create and start, and the rest', () => {
    assert.equal(classifyRequest('POST', '/v1.41/containers/create?name=x'), 'create');
    assert.equal(classifyRequest('POST', '/v1.41/containers/abc/start'), 'start');
    assert.equal(classifyRequest('POST', '/v1.41/containers/abc/stop?t=30'), 'other-write');
    assert.equal(classifyRequest('DELETE', '/v1.41/containers/abc?force=true'), 'other-write');
    assert.equal(classifyRequest('POST', '/v1.41/networks/create'), 'other-write');
  });

  test('other reads: version, ping, logs, network inspect', () => {
    assert.equal(classifyRequest('GET', '/version'), 'other-read');
    assert.equal(classifyRequest('HEAD', '/_ping'), 'other-read');
    assert.equal(classifyRequest('GET', '/v1.41/containers/abc/logs?stdout=1'), 'other-read');
    assert.equal(classifyRequest('GET', '/v1.41/networks/berth-default'), 'other-read');
  });
});

describe('counts', () => {
  test('reads and writes are sums of their classes; held-open requests are neither', () => {
    const counts = { list: 2, inspect: 3, 'image-inspect': 1, 'other-read': 1, events: 1, wait: 2, create: 2, start: 2, 'other-write': 1 };
    assert.equal(sumOf(counts, READ_CLASSES), 7);
    assert.equal(sumOf(counts, WRITE_CLASSES), 5);
  });

  test('described per pod, the classes that occurred', () => {
    assert.equal(describeCounts({ list: 4, inspect: 6, create: 0, start: 3 }, 4), 'list 1, inspect 1.5, start 0.75');
  });
});
