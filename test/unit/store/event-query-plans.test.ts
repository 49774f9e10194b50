// Every filter the Events screen and `berth events` offer is answered from an index, newest first,
// without walking the table or sorting it: the plans SQLite picks for the store's own SQL on a
// database with the store's own schema, filled with a realistic mix (a rare reason, a rare type).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store } from '../../../src-main/store/index';
import { eventCountSql, eventFilter, eventListSql } from '../../../src-main/store/event-query';
import type { EventQuery } from '../../../src-main/model';
import { tempDir } from './helpers';

const { dir, cleanup } = tempDir();
const file = join(dir, 'berth.db');
let db: Database.Database;

before(() => {
  Store.open(file).close();
  db = new Database(file);
  // 20 000 rows: most Normal "Pulled", a few Warning "BackOff" (no ANALYZE: a fresh store has none).
  const insert = db.prepare(`INSERT INTO events (seq, agg_key, involved_kind, namespace, involved_name, involved_uid, type, reason, message,
    source_component, count, first_timestamp, last_timestamp) VALUES (@i, @key, 'Pod', @ns, @name, @uid, @type, @reason, 'm', 'kubelet', 1, @i, @i)`);
  db.transaction(() => {
    for (let i = 1; i <= 20_000; i++) {
      const rare = i % 1000 === 0;
      insert.run({ i, key: `k${i}`, ns: `ns${i % 7}`, name: `pod${i % 500}`, uid: `u${i % 500}`, type: rare ? 'Warning' : 'Normal', reason: rare ? 'BackOff' : 'Pulled' });
    }
  })();
});
after(() => {
  db.close();
  cleanup();
});

function plan(sql: string, q: EventQuery): string {
  const f = eventFilter(q);
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...f.params, limit: 500 }) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

const shapes: [string, EventQuery][] = [
  ['reason', { reason: 'BackOff' }],
  ['type', { type: 'Warning' }],
  ['reason in a namespace', { reason: 'BackOff', namespace: 'ns3' }],
  ['type in a namespace', { type: 'Warning', namespace: 'ns3' }],
  ['reason, an older page', { reason: 'BackOff', before: { lastTimestamp: 10_000, id: 10_000 } }],
  ['a pod', { podUid: 'u7' }],
  ['a pod by name', { podName: 'pod7', namespace: 'ns0' }],
];

// SEARCH: the index is entered at the filter's value. SCAN … USING INDEX events_time would walk
// every newer event to find the few that match: the whole table for a rare reason.
for (const [what, q] of shapes) {
  test(`events filtered by ${what}: looked up in an index, in order`, () => {
    const shown = plan(eventListSql(eventFilter(q)), q);
    assert.match(shown, /SEARCH events USING (COVERING )?INDEX/, shown);
    assert.doesNotMatch(shown, /TEMP B-TREE/, `no sort of the matches: ${shown}`);
  });
}

test('all events, newest first: the time index, stopping at the limit', () => {
  const shown = plan(eventListSql(eventFilter({})), {});
  assert.equal(shown, 'SCAN events USING INDEX events_time');
});

test('counting by reason or type reads an index, not the table', () => {
  for (const q of [{ reason: 'BackOff' }, { type: 'Warning' }] satisfies EventQuery[]) {
    const shown = plan(eventCountSql(eventFilter(q)), q);
    assert.match(shown, /SEARCH events USING (COVERING )?INDEX/, shown);
  }
});
