import { expect, test } from 'vitest';
import { memoryIo } from './io.js';
import { progress } from './progress.js';

const run = (plainLines: boolean) => {
  const io = memoryIo();
  const bar = progress(io, { label: 'Linting', unit: 'files', plainLines });
  for (let done = 0; done <= 1000; done += 40) bar.update(Math.min(done, 1000), 1000);
  bar.update(1000, 1000);
  bar.stop();
  return io.err;
};

test('off a terminal, plain progress prints one line per tenth of the work', () => {
  const lines = run(true).trim().split('\n');
  expect(lines).toHaveLength(11);
  expect(lines[0]).toBe('Linting: 0/1000 files');
  expect(lines.at(-1)).toBe('Linting: 1000/1000 files');
});

test('off a terminal, progress without plain lines prints nothing', () => {
  expect(run(false)).toBe('');
});

test('work of nothing reports nothing', () => {
  const io = memoryIo();
  progress(io, { label: 'Linting', unit: 'files', plainLines: true }).update(0, 0);
  expect(io.err).toBe('');
});
