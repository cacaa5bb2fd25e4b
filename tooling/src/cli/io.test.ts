import { expect, test } from 'vitest';
import { memoryIo, warnLine } from './io.js';

test('a warning is labelled once, also when the retriever or the index build labelled it already', () => {
  const io = memoryIo();
  warnLine(io, 'warning: searching lexically only: hnswlib-node is not installed.');
  warnLine(io, 'model gpt-x failed (timeout)');
  expect(io.err).toBe('warning searching lexically only: hnswlib-node is not installed.\nwarning model gpt-x failed (timeout)\n');
});
