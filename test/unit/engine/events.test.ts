import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CappedOutput, StreamDemuxer } from '../../../src-main/engine/demux';
import { eventFilters, matchesLabels, normaliseEvent, splitJsonLines } from '../../../src-main/engine/events';

const actor = (attributes: Record<string, string>) => ({ ID: 'c1', Attributes: attributes });

describe('normaliseEvent', () => {
  test('Docker before API 1.52 (status/id and Action/Actor)', () => {
    // Parsed from text as the engine sends it: timeNano exceeds 2^53 and loses its last digits.
    const ev = normaliseEvent(
      JSON.parse(
        '{"status":"die","id":"c1","from":"local/busybox:1","Type":"container","Action":"die",' +
          '"Actor":{"ID":"c1","Attributes":{"exitCode":"3","image":"local/busybox:1","name":"evp","berth.pod.uid":"u1"}},' +
          '"scope":"local","time":1795593126,"timeNano":1795593126787488646}',
      ),
    );
    assert.deepEqual(ev, {
      action: 'die',
      containerId: 'c1',
      name: 'evp',
      image: 'local/busybox:1',
      exitCode: 3,
      labels: { 'berth.pod.uid': 'u1' },
      time: 1795593126787,
    });
  });

  test('Docker API 1.52+ (no status/id)', () => {
    const ev = normaliseEvent({ Type: 'container', Action: 'start', Actor: actor({ name: 'x' }), time: 1700000000 });
    assert.equal(ev?.action, 'start');
    assert.equal(ev?.containerId, 'c1');
    assert.equal(ev?.time, 1700000000000);
  });

  test("Podman: containerExitCode on every event counts only on die; remove → destroy; died → die", () => {
    const start = normaliseEvent({ Type: 'container', Action: 'start', Actor: actor({ containerExitCode: '0', podId: '' }) });
    assert.equal(start?.exitCode, undefined);
    assert.deepEqual(start?.labels, {});
    const died = normaliseEvent({ status: 'died', id: 'c1', Type: 'container', Actor: actor({ containerExitCode: '137' }) });
    assert.equal(died?.action, 'die');
    assert.equal(died?.exitCode, 137);
    assert.equal(normaliseEvent({ Type: 'container', Action: 'remove', Actor: actor({}) })?.action, 'destroy');
  });

  test('exec and health actions keep their detail; kill keeps its signal', () => {
    const exec = normaliseEvent({ Type: 'container', Action: 'exec_start: sh -c echo hi', Actor: actor({}) });
    assert.equal(exec?.action, 'exec_start');
    assert.equal(exec?.detail, 'sh -c echo hi');
    const kill = normaliseEvent({ Type: 'container', Action: 'kill', Actor: actor({ signal: '15' }) });
    assert.equal(kill?.signal, '15');
  });

  test('non-container events and junk are ignored', () => {
    assert.equal(normaliseEvent({ Type: 'network', Action: 'connect', Actor: actor({}) }), undefined);
    assert.equal(normaliseEvent(null), undefined);
    assert.equal(normaliseEvent({ Type: 'container' }), undefined);
  });
});

describe('event helpers', () => {
  test('filters: labels, and Podman names for actions', () => {
    assert.deepEqual(eventFilters({ a: 'b', c: true }, ['start', 'die'], 'docker'), {
      type: ['container'],
      label: ['a=b', 'c'],
      event: ['start', 'die'],
    });
    assert.deepEqual(eventFilters({}, ['die', 'destroy'], 'podman'), { type: ['container'], event: ['died', 'remove'] });
  });

  test('matchesLabels', () => {
    assert.equal(matchesLabels({ a: 'b', c: '' }, { a: 'b', c: true }), true);
    assert.equal(matchesLabels({ a: 'x' }, { a: 'b' }), false);
    assert.equal(matchesLabels({}, { c: true }), false);
  });

  test('splitJsonLines keeps the unfinished tail', () => {
    const first = splitJsonLines('{"a":1}\n{"b":');
    assert.deepEqual(first, { values: [{ a: 1 }], rest: '{"b":' });
    assert.deepEqual(splitJsonLines(first.rest + '2}\nnot json\n'), { values: [{ b: 2 }], rest: '' });
  });
});

describe('StreamDemuxer and CappedOutput', () => {
  const frame = (type: number, text: string): Buffer => {
    const payload = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = type;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };

  test('frames split anywhere come out whole and in order', () => {
    const bytes = Buffer.concat([frame(1, 'out1 '), frame(2, 'err '), frame(1, 'out2')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new StreamDemuxer();
      const chunks = [...d.push(bytes.subarray(0, cut)), ...d.push(bytes.subarray(cut))];
      assert.deepEqual(
        chunks.map((c) => [c.stream, c.data.toString()]),
        [
          ['stdout', 'out1 '],
          ['stderr', 'err '],
          ['stdout', 'out2'],
        ],
      );
      assert.equal(d.leftoverBytes, 0);
    }
  });

  test('CappedOutput keeps the first bytes and counts the rest', () => {
    const out = new CappedOutput(5);
    out.append(Buffer.from('abc'));
    out.append(Buffer.from('defgh'));
    out.append(Buffer.from('ij'));
    assert.equal(out.text(), 'abcde');
    assert.equal(out.truncated, true);
    assert.equal(out.totalBytes, 10);
    const exact = new CappedOutput(3);
    exact.append(Buffer.from('abc'));
    assert.equal(exact.truncated, false);
  });
});
