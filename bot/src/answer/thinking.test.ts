import { describe, expect, test } from 'vitest';
import { ThinkingFilter, stripThinking } from './thinking.js';

/** What a reader sees when `chunks` arrive one after another. */
function visible(chunks: readonly string[]): string {
  const filter = new ThinkingFilter();
  return chunks.map((chunk) => filter.push(chunk)).join('') + filter.flush();
}

describe('ThinkingFilter', () => {
  test.each([
    ['a block before the answer', ['<think>The user asks about lint.</think>Run it.'], 'Run it.'],
    ['tags split across chunks', ['<th', 'ink>hm', 'm</th', 'in', 'k>Run', ' it.'], 'Run it.'],
    ['one character per chunk', [...'<think>x</think>ok'], 'ok'],
    ['two blocks', ['<think>a</think>one <think>b</think>two'], 'one two'],
    ['a "<" that starts no tag', ['a <', 'b and <thin', 'g>'], 'a <b and <thing>'],
    ['an unclosed block at the end', ['Answer. <think>still thin', 'king'], 'Answer. '],
    ['text without tags', ['plain ', 'text'], 'plain text'],
  ])('removes thinking: %s', (_name, chunks, expected) => {
    expect(visible(chunks)).toBe(expected);
  });

  test('holds back only what may be the start of a tag', () => {
    const filter = new ThinkingFilter();
    expect(filter.push('Run it <thi')).toBe('Run it ');
    expect(filter.push('s way')).toBe('<this way');
  });
});

describe('stripThinking', () => {
  test('removes the block and the blank lines it leaves before the answer', () => {
    expect(stripThinking('<think>\nThe user asks...\n</think>\n\nRun `atomkit lint` [1].')).toBe('Run `atomkit lint` [1].');
  });
});
