// Window math for a virtualised list with a fixed row height: which rows to render for a scroll
// position, and where the first of them sits. Pure, so it is tested without a browser.

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the viewport, so fast scrolling shows no gaps. */
  overscan?: number;
}

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** Row after the last rendered one (exclusive). */
  end: number;
  /** translateY of the first rendered row. */
  offset: number;
  /** Height of the whole list, which the spacer gives the scroll container. */
  totalHeight: number;
}

export function rowWindow({ scrollTop, viewportHeight, rowHeight, count, overscan = 8 }: WindowInput): RowWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, totalHeight };
  // A scroll position beyond the content (the list just shrank) shows its last rows.
  const top = Math.min(Math.max(scrollTop, 0), Math.max(totalHeight - viewportHeight, 0));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, 0) / rowHeight) + 1;
  const start = Math.max(first - overscan, 0);
  const end = Math.min(first + visible + overscan, count);
  return { start, end, offset: start * rowHeight, totalHeight };
}

/** Whether the rendered window has come within `threshold` rows of the end (time to load more). */
export function nearEnd(window: RowWindow, count: number, threshold: number): boolean {
  return count > 0 && window.end >= count - threshold;
}

/**
 * The scrollTop that keeps the same rows in view after `added` rows were inserted above them
 * (live events arrive at the top while the user reads further down).
 */
export function anchoredScrollTop(scrollTop: number, added: number, rowHeight: number): number {
  return scrollTop > 0 ? scrollTop + added * rowHeight : 0;
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}
