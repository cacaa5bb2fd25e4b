import { describe, expect, test } from 'vitest';
import { subHeadings } from './sub-headings.js';

describe('subHeadings', () => {
  test("lists the headings below a section's own, in order, closing hashes dropped", () => {
    expect(subHeadings('Intro.\n\n### `--frozen-lockfile` ###\n\nText.\n\n#### Since v7\n\n## Not a sub-heading')).toEqual(['`--frozen-lockfile`', 'Since v7']);
  });

  test('reads no heading inside fenced code, however long its fence', () => {
    expect(subHeadings('````md\n### in the example\n```\n### still inside\n````\n\n### After')).toEqual(['After']);
    expect(subHeadings('~~~sh\n### a comment\n~~~')).toEqual([]);
  });
});
