import { describe, expect, test } from 'vitest';
import { PAGE_SIZE, pageCount, pageItems, pagePath } from './paging.js';

describe('paging', () => {
  test('splits a list into pages of PAGE_SIZE, with one page for an empty list', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(PAGE_SIZE)).toBe(1);
    expect(pageCount(PAGE_SIZE + 1)).toBe(2);
    const items = Array.from({ length: PAGE_SIZE + 5 }, (_, i) => i);
    expect(pageItems(items, 2)).toEqual([PAGE_SIZE, PAGE_SIZE + 1, PAGE_SIZE + 2, PAGE_SIZE + 3, PAGE_SIZE + 4]);
  });

  test('keeps page 1 at the index path and puts later pages under page/<n>/', () => {
    expect(pagePath('/kb/tags/x/', 1)).toBe('/kb/tags/x/');
    expect(pagePath('/kb/tags/x/', 2)).toBe('/kb/tags/x/page/2/');
  });
});
