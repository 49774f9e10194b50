// The Events screen's list: the newest page first, live pushes merged in at the top, and older
// pages fetched as the user scrolls towards the end. Held raw ($state.raw): 100 000 events are
// replaced as a whole, never deeply proxied.
import type { Unsubscribe } from '../../../src-main/api/contract';
import type { BerthEvent, EventQuery } from '../../../src-main/model';
import { berth, toBerthError } from './berth';
import { appendOlder, mergeNewest, nextPageCursor } from './events';
import { startLive } from './live';

/** Small first page for a fast first paint; big later pages (the API's maximum) for fast scrolling. */
export const FIRST_PAGE = 1_000;
export const LATER_PAGE = 10_000;

export class EventFeed {
  events = $state.raw<BerthEvent[]>([]);
  loaded = $state(false);
  loadingMore = $state(false);
  /** The oldest event is loaded: there is nothing further to fetch. */
  complete = $state(false);
  error = $state<string | null>(null);

  private query: EventQuery = {};
  private generation = 0;

  /** Starts (or restarts, for new filters) the feed; returns the function that stops it. */
  start(query: EventQuery): Unsubscribe {
    const generation = ++this.generation;
    this.query = query;
    this.events = [];
    this.loaded = false;
    this.complete = false;
    this.loadingMore = false;
    this.error = null;
    return startLive<BerthEvent[], BerthEvent[]>(
      {
        subscribe: (listener) => berth.subscribe('events', query, listener),
        load: async () => {
          const page = await berth.listEvents({ ...query, limit: FIRST_PAGE });
          if (generation === this.generation) this.complete = page.length < FIRST_PAGE;
          return page;
        },
        apply: mergeNewest,
      },
      {
        set: (events) => {
          if (generation !== this.generation) return;
          this.events = events;
          this.loaded = true;
          this.error = null;
        },
        fail: (failure) => {
          if (generation === this.generation) this.error = failure.message;
        },
      },
    );
  }

  /** Fetches the next older page; a call while one is in flight (or at the end) does nothing. */
  async loadMore(): Promise<void> {
    if (!this.loaded || this.complete || this.loadingMore) return;
    const generation = this.generation;
    this.loadingMore = true;
    try {
      const before = nextPageCursor(this.events);
      const page = await berth.listEvents({ ...this.query, limit: LATER_PAGE, ...(before ? { before } : {}) });
      if (generation !== this.generation) return;
      this.events = appendOlder(this.events, page);
      this.complete = page.length < LATER_PAGE;
    } catch (error) {
      if (generation === this.generation) this.error = toBerthError(error).message;
    } finally {
      if (generation === this.generation) this.loadingMore = false;
    }
  }
}
