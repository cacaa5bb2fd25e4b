import { describe, expect, it } from 'vitest';
import { isDelimiterRow, tableCells, tableHead, tableRows } from './markdown-table.js';

describe('isDelimiterRow', () => {
  it('is a row of dashes between pipes, aligned or not, with or without outer pipes', () => {
    for (const line of ['| --- | :-: |', '|------|:---:|', '--- | ---', '  |-|']) expect(isDelimiterRow(line)).toBe(true);
    for (const line of ['| a | b |', '| :: |', 'text', '']) expect(isDelimiterRow(line)).toBe(false);
  });

  // How long it takes is measured in tooling/bench/hostile.bench.ts.
  it('reads a line of a hundred thousand spaces', () => {
    expect(isDelimiterRow(`---${' '.repeat(100_000)}x`)).toBe(false);
    expect(isDelimiterRow(`| --- ${'| --- '.repeat(20_000)}|`)).toBe(true);
  });
});

describe('tableHead', () => {
  it('is the header and delimiter rows of a table that opens the text', () => {
    expect(tableHead('| Option | Meaning |\n| --- | :-: |\n| `--port` | port |')).toBe('| Option | Meaning |\n| --- | :-: |');
    expect(tableHead('Option | Meaning\n--- | ---\n`--port` | port')).toBe('Option | Meaning\n--- | ---');
  });

  it('is none for a paragraph, a list or a thematic break', () => {
    expect(tableHead('Use a | b to pipe.\nThen go on.')).toBeUndefined();
    expect(tableHead('- one\n- two')).toBeUndefined();
    expect(tableHead('text\n---')).toBeUndefined();
  });
});

describe('tableRows', () => {
  it('splits a table into its head and rows', () => {
    expect(tableRows('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n')).toEqual({ head: '| a | b |\n|---|---|', rows: ['| 1 | 2 |', '| 3 | 4 |'] });
  });

  it('is none when the table is followed by other text in the same block', () => {
    expect(tableRows('| a | b |\n|---|---|\n| 1 | 2 |\nlazy line')).toBeUndefined();
  });
});

describe('tableCells', () => {
  it('splits a row on its pipes, trimmed, keeping an escaped pipe in its cell', () => {
    expect(tableCells('| `a` | b \\| c |')).toEqual(['`a`', 'b \\| c']);
    expect(tableCells('a | b')).toEqual(['a', 'b']);
  });
});
