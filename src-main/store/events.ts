// Aggregated events, and the change feed over them.
//
// Change feed: every insert or update of an event row stamps it with `seq`, taken from the
// resource version counter (resource-versions.ts) that is bumped in the SAME transaction, once per
// batch: an event's seq is its metadata.resourceVersion, and pods and objects take from it too. SQLite has one writer at a
// time (the app and the CLI included), so seq values become visible in commit order: once a reader
// has seen seq N, every later commit carries seq > N. A subscriber therefore keeps a cursor:
//   1. cursor = eventCursor()            (before the initial listEvents, so nothing falls in between)
//   2. initial = listEvents(query)
//   3. loop: { events, cursor } = eventsChangedSince(cursor)   — returns every event inserted OR
//      updated (count/lastTimestamp) after the cursor, oldest change first, each in its current state.
// Changes are whole rows keyed by `id`, so applying one twice (overlap of step 1/2) is harmless:
// replace-by-id. An event updated twice after the cursor appears once (its latest state). The
// query is an index range scan on events(seq), cheap to poll (also across processes: another
// connection's commits are visible to the next read).
import type Database from 'better-sqlite3';
import type { BerthEvent, EventInput, EventQuery } from '../model';
import { aggregationKey, mergeOccurrence, validateEventInput } from './aggregation';
import { eventCountSql, eventFilter, eventLimit, eventListSql } from './event-query';
import type { ChangeLog, StoreChange } from './changes';
import type { ResourceVersions } from './resource-versions';
import { newEventRow, rowToEvent, type EventRow } from './rows';

export interface EventChanges {
  /** Inserted or updated after the given cursor, in seq order, in their current state. */
  events: BerthEvent[];
  /** Pass this to the next call. */
  cursor: number;
  /** More changes are waiting beyond `limit`. */
  hasMore: boolean;
}

export const DEFAULT_FEED_LIMIT = 1000;

export class EventStore {
  private readonly byKey: Database.Statement<[string, string], Pick<EventRow, 'id' | 'count' | 'first_timestamp' | 'last_timestamp'>>;
  private readonly insert: Database.Statement<[EventRow]>;
  private readonly update: Database.Statement<[EventRow]>;
  private readonly byId: Database.Statement<[number], EventRow>;
  private readonly changed: Database.Statement<[number, number], EventRow>;
  private readonly listCache = new Map<string, Database.Statement<Record<string, string | number>, EventRow>>();
  private readonly countCache = new Map<string, Database.Statement<Record<string, string | number>, { n: number }>>();
  private readonly writeBatch: (inputs: readonly EventInput[]) => BerthEvent[];

  constructor(
    private readonly db: Database.Database,
    private readonly versions: ResourceVersions,
    private readonly changes: ChangeLog,
  ) {
    // Only the columns a write needs, and no RETURNING *: the rest of the row is the input itself
    // (aggregation key), and reading 16 columns back per event cost as much as the write.
    this.byKey = db.prepare('SELECT id, count, first_timestamp, last_timestamp FROM events WHERE involved_uid = ? AND agg_key = ?');
    this.insert = db.prepare(`
      INSERT INTO events (seq, agg_key, involved_kind, namespace, involved_name, involved_uid, field_path,
                          type, reason, message, source_component, source_host, count, first_timestamp, last_timestamp)
      VALUES (@seq, @agg_key, @involved_kind, @namespace, @involved_name, @involved_uid, @field_path,
              @type, @reason, @message, @source_component, @source_host, @count, @first_timestamp, @last_timestamp)`);
    this.update = db.prepare(`
      UPDATE events SET seq = @seq, count = @count, first_timestamp = @first_timestamp, last_timestamp = @last_timestamp
      WHERE id = @id`);
    this.byId = db.prepare('SELECT * FROM events WHERE id = ?');
    this.changed = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.writeBatch = db.transaction((inputs: readonly EventInput[]) => this.writeAll(inputs)).immediate;
  }

  /**
   * Records occurrences in one transaction (all or nothing) and returns, for each input, the event
   * it was aggregated into, as it stood right after that input.
   */
  recordEvents(inputs: readonly EventInput[]): BerthEvent[] {
    inputs.forEach((input, i) => validateEventInput(input, i));
    if (inputs.length === 0) return [];
    const events = this.writeBatch(inputs);
    if (this.changes.active) this.changes.emit(events.map((event) => eventChange(event)));
    return events;
  }

  recordEvent(input: EventInput): BerthEvent {
    const [event] = this.recordEvents([input]);
    if (!event) throw new Error('recordEvent: nothing recorded');
    return event;
  }

  private writeAll(inputs: readonly EventInput[]): BerthEvent[] {
    let seq = this.versions.take(inputs.length) - inputs.length;
    return inputs.map((input) => {
      seq += 1;
      const row = newEventRow(input, aggregationKey(input), seq);
      const prev = this.byKey.get(row.involved_uid, row.agg_key);
      if (prev) {
        const next = mergeOccurrence(
          { count: prev.count, firstTimestamp: prev.first_timestamp, lastTimestamp: prev.last_timestamp },
          input.timestamp,
        );
        row.id = prev.id;
        row.count = next.count;
        row.first_timestamp = next.firstTimestamp;
        row.last_timestamp = next.lastTimestamp;
        this.update.run(row);
      } else {
        row.id = Number(this.insert.run(row).lastInsertRowid);
      }
      return rowToEvent(row);
    });
  }

  /** Newest first (lastTimestamp, then id); default 500, at most 10 000. */
  listEvents(q: EventQuery = {}): BerthEvent[] {
    const limit = eventLimit(q.limit);
    const f = eventFilter(q);
    let stmt = this.listCache.get(f.shape);
    if (!stmt) {
      stmt = this.db.prepare(eventListSql(f));
      this.listCache.set(f.shape, stmt);
    }
    return stmt.all({ ...f.params, limit }).map(rowToEvent);
  }

  /** Number of aggregated events matching the filters of `q` (its limit is ignored). */
  countEvents(q: EventQuery = {}): number {
    const f = eventFilter(q);
    let stmt = this.countCache.get(f.shape);
    if (!stmt) {
      stmt = this.db.prepare(eventCountSql(f));
      this.countCache.set(f.shape, stmt);
    }
    return stmt.get(f.params)?.n ?? 0;
  }

  /** The change-feed position: the resource version of the last committed write (0 for an empty store). */
  eventCursor(): number {
    return this.versions.current();
  }

  getEvent(id: number): BerthEvent | undefined {
    const row = this.byId.get(id);
    return row && rowToEvent(row);
  }

  /** Events inserted or updated after `cursor`; see the comment at the top of this file. */
  eventsChangedSince(cursor: number, limit: number = DEFAULT_FEED_LIMIT): EventChanges {
    const n = eventLimit(limit);
    const rows = this.changed.all(cursor, n + 1);
    const hasMore = rows.length > n;
    const page = hasMore ? rows.slice(0, n) : rows;
    const last = page[page.length - 1];
    return { events: page.map(rowToEvent), cursor: last ? last.seq : cursor, hasMore };
  }
}

/** A first occurrence is a new event (count 1); a repeat re-aggregates one. */
function eventChange(event: BerthEvent): StoreChange {
  return { kind: 'Event', type: event.count === 1 ? 'added' : 'modified', event, resourceVersion: event.resourceVersion };
}
