import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregationKey, mergeOccurrence, validateEventInput } from '../../../src-main/store/aggregation';
import { DEFAULT_EVENT_LIMIT, eventFilter, eventLimit, MAX_EVENT_LIMIT } from '../../../src-main/store/event-query';
import { rowToEvent, type EventRow } from '../../../src-main/store/rows';
import { canonicalJson, isEmptyValue, truncateUtf8 } from '../../../src-main/store/text';
import { podEvent } from './helpers';

describe('truncateUtf8', () => {
  test('keeps short strings and cuts long ones on a character boundary', () => {
    assert.equal(truncateUtf8('hello', 10), 'hello');
    assert.equal(truncateUtf8('hello', 3), 'hel');
    assert.equal(truncateUtf8('héllo', 2), 'h'); // é is 2 bytes: cut inside it backs up
    assert.equal(truncateUtf8('héllo', 3), 'hé');
    assert.equal(truncateUtf8('a😀b', 4), 'a'); // 😀 is 4 bytes (a surrogate pair in JS)
    assert.equal(truncateUtf8('a😀b', 5), 'a😀');
    assert.equal(truncateUtf8('€€', 5), '€');
    assert.equal(truncateUtf8('anything', 0), '');
  });

  test('result is always the longest valid prefix within the byte budget', () => {
    const samples = ['', 'abc', 'é€😀x', '日本語テキスト', `${'a'.repeat(10)}😀😀é`];
    for (const s of samples) {
      const full = Buffer.byteLength(s, 'utf8');
      for (let max = 0; max <= full + 2; max++) {
        const t = truncateUtf8(s, max);
        assert.ok(s.startsWith(t), `${JSON.stringify(s)} @${max}: prefix`);
        assert.ok(Buffer.byteLength(t, 'utf8') <= max, `${JSON.stringify(s)} @${max}: fits`);
        const nextChar = [...s.slice(t.length)][0];
        if (nextChar !== undefined) {
          assert.ok(Buffer.byteLength(t + nextChar, 'utf8') > max, `${JSON.stringify(s)} @${max}: longest`);
        }
      }
    }
  });
});

describe('canonicalJson / isEmptyValue', () => {
  test('key order does not matter, array order and values do', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, 2], c: null } }), canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
    assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
    assert.notEqual(canonicalJson({ a: '1' }), canonicalJson({ a: 1 }));
    assert.equal(canonicalJson({ a: undefined, b: 1 }), canonicalJson({ b: 1 }));
  });
  test('empty values', () => {
    for (const v of [undefined, null, '', {}, []]) assert.equal(isEmptyValue(v), true, JSON.stringify(v));
    for (const v of ['x', { a: '' }, [0], 0, false]) assert.equal(isEmptyValue(v), false, JSON.stringify(v));
  });
});

describe('aggregation key', () => {
  test('same for identical events regardless of timestamp; differs on every key field', () => {
    const base = podEvent();
    assert.equal(aggregationKey(base), aggregationKey({ ...base, timestamp: 99 }));
    const variants = [
      { ...base, involvedObject: { ...base.involvedObject, kind: 'Service' } },
      { ...base, involvedObject: { ...base.involvedObject, namespace: 'x' } },
      { ...base, involvedObject: { ...base.involvedObject, name: 'x' } },
      { ...base, involvedObject: { ...base.involvedObject, uid: 'x' } },
      { ...base, involvedObject: { ...base.involvedObject, fieldPath: 'spec.containers{main}' } },
      { ...base, type: 'Warning' as const },
      { ...base, reason: 'x' },
      { ...base, message: 'x' },
      { ...base, source: { component: 'x', host: 'berth' } },
      { ...base, source: { component: 'kubelet', host: 'x' } },
    ];
    const keys = new Set([aggregationKey(base), ...variants.map(aggregationKey)]);
    assert.equal(keys.size, variants.length + 1);
  });

  test('no separator ambiguity between fields', () => {
    const a = podEvent({ reason: 'A|B', message: 'C' });
    const b = podEvent({ reason: 'A', message: 'B|C' });
    assert.notEqual(aggregationKey(a), aggregationKey(b));
  });

  test('mergeOccurrence widens timestamps and counts', () => {
    assert.deepEqual(mergeOccurrence({ count: 1, firstTimestamp: 10, lastTimestamp: 10 }, 20), {
      count: 2,
      firstTimestamp: 10,
      lastTimestamp: 20,
    });
    assert.deepEqual(mergeOccurrence({ count: 4, firstTimestamp: 10, lastTimestamp: 30 }, 5), {
      count: 5,
      firstTimestamp: 5,
      lastTimestamp: 30,
    });
  });

  test('validateEventInput', () => {
    assert.doesNotThrow(() => validateEventInput(podEvent()));
    assert.throws(() => validateEventInput(podEvent({ timestamp: Number.NaN })), /timestamp/);
    assert.throws(() => validateEventInput({ ...podEvent(), source: { component: '' } }), /source.component/);
    assert.throws(
      () => validateEventInput({ ...podEvent(), involvedObject: { kind: 'Pod', namespace: 'd', name: '', uid: 'u' } }, 4),
      /event #4: involvedObject.name/,
    );
  });
});

describe('event query', () => {
  test('limits', () => {
    assert.equal(eventLimit(undefined), DEFAULT_EVENT_LIMIT);
    assert.equal(eventLimit(7), 7);
    assert.equal(eventLimit(MAX_EVENT_LIMIT + 1), MAX_EVENT_LIMIT);
    assert.throws(() => eventLimit(-1), RangeError);
  });
  test('shape depends only on which filters are present', () => {
    const a = eventFilter({ podUid: 'x', since: 5 });
    const b = eventFilter({ podUid: 'y', since: 6 });
    assert.equal(a.shape, b.shape);
    assert.equal(a.where, b.where);
    assert.deepEqual(b.params, { podUid: 'y', since: 6 });
    assert.notEqual(eventFilter({ podUid: 'x' }).shape, a.shape);
    assert.deepEqual(eventFilter({}), { shape: '', where: '', params: {} });
    assert.match(eventFilter({ podName: 'web' }).where, /involved_kind = 'Pod'/);
  });
});

describe('rowToEvent', () => {
  test('maps columns and omits absent optionals', () => {
    const row: EventRow = {
      id: 3,
      seq: 9,
      agg_key: 'k',
      involved_kind: 'Pod',
      namespace: 'ns',
      involved_name: 'p',
      involved_uid: 'u',
      field_path: null,
      type: 'Warning',
      reason: 'BackOff',
      message: 'm',
      source_component: 'kubelet',
      source_host: null,
      count: 4,
      first_timestamp: 1,
      last_timestamp: 2,
    };
    assert.deepEqual(rowToEvent(row), {
      id: 3,
      involvedObject: { kind: 'Pod', namespace: 'ns', name: 'p', uid: 'u' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'm',
      source: { component: 'kubelet' },
      count: 4,
      firstTimestamp: 1,
      lastTimestamp: 2,
      resourceVersion: 9,
    });
    assert.deepEqual(rowToEvent({ ...row, field_path: 'spec.containers{a}', source_host: 'h' }).involvedObject.fieldPath, 'spec.containers{a}');
  });
});
