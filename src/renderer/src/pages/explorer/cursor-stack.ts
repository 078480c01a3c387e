/**
 * The explorer pages with keyset cursors, never OFFSET: page n can only be reached from
 * page n-1's last row. The stack remembers the cursor that opens each page seen so far,
 * so Previous goes back without re-reading from the start.
 *
 * Entry i is the cursor that opens page i; page 0 opens without one (null).
 */
export type CursorStack = readonly (string | null)[];

export const FIRST_PAGE: CursorStack = [null];

/** The cursor that opens `page`, or undefined when that page cannot be reached from what was seen. */
export function cursorFor(stack: CursorStack, page: number): string | null | undefined {
  return page >= 0 && page < stack.length ? stack[page] : undefined;
}

/**
 * After `page` has loaded: remember the cursor of the page after it (null when it was the
 * last). Pages beyond are forgotten, since a re-read page may end on a different row.
 */
export function recordPage(stack: CursorStack, page: number, nextCursor: string | null): CursorStack {
  const kept = stack.slice(0, page + 1);
  return nextCursor ? [...kept, nextCursor] : kept;
}

export function hasNextPage(stack: CursorStack, page: number): boolean {
  return stack.length > page + 1;
}
