import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, cursorFor, hasNextPage, recordPage } from '../../../src/renderer/src/pages/explorer/cursor-stack';

describe('the explorer cursor stack', () => {
  it('opens page one without a cursor and knows nothing beyond it until it loads', () => {
    expect(cursorFor(FIRST_PAGE, 0)).toBeNull();
    expect(cursorFor(FIRST_PAGE, 1)).toBeUndefined();
    expect(hasNextPage(FIRST_PAGE, 0)).toBe(false);
  });

  it('goes forward with each page’s next cursor and back to the cursors it kept', () => {
    let stack = recordPage(FIRST_PAGE, 0, 'c1');
    stack = recordPage(stack, 1, 'c2');
    stack = recordPage(stack, 2, 'c3');
    expect(cursorFor(stack, 3)).toBe('c3');
    expect(cursorFor(stack, 2)).toBe('c2'); // Previous from page 3
    expect(cursorFor(stack, 1)).toBe('c1');
    expect(cursorFor(stack, 0)).toBeNull();
    expect(hasNextPage(stack, 2)).toBe(true);
  });

  it('stops at the last page', () => {
    const stack = recordPage(recordPage(FIRST_PAGE, 0, 'c1'), 1, null);
    expect(hasNextPage(stack, 1)).toBe(false);
    expect(cursorFor(stack, 2)).toBeUndefined();
  });

  it('forgets pages beyond one that is re-read, whose last row may have changed', () => {
    let stack = recordPage(FIRST_PAGE, 0, 'c1');
    stack = recordPage(stack, 1, 'c2');
    stack = recordPage(stack, 0, 'c1b');
    expect(stack).toEqual([null, 'c1b']);
    expect(cursorFor(stack, 2)).toBeUndefined();
  });
});
