import { describe, expect, test } from 'vitest';
import { summarize } from './text.js';

describe('summarize', () => {
  test('the first sentence is the summary', () => {
    expect(summarize('Lint runs in CI. It blocks merges.', 'x')).toBe('Lint runs in CI.');
  });

  test('a sentence that only sends the reader elsewhere gives way to the next one', () => {
    expect(summarize('See the config help doc. Many options change how packages are installed.', 'x')).toBe('Many options change how packages are installed.');
    expect(summarize('Refer to the API page for details.\n\nThe server listens on port 4321.', 'x')).toBe('The server listens on port 4321.');
    expect(summarize('Further reading in the C++ Core Guidelines. Objects own their memory through smart pointers.', 'x')).toBe('Objects own their memory through smart pointers.');
    expect(summarize('For more information, see the API page. The server listens on port 4321.', 'x')).toBe('The server listens on port 4321.');
  });

  test('a section that says nothing else keeps its pointer, and words that merely start with "see" are no pointer', () => {
    expect(summarize('See http.Server for more information.', 'x')).toBe('See http.Server for more information.');
    expect(summarize('Seeding the store makes the first install fast.', 'x')).toBe('Seeding the store makes the first install fast.');
  });

  test('a text with no usable sentence gets the fallback, and a long sentence is cut at a word', () => {
    expect(summarize('Short.', 'Fallback summary')).toBe('Fallback summary');
    const long = summarize(`${'word '.repeat(100)}end.`, 'x');
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long.endsWith('…')).toBe(true);
  });
});
