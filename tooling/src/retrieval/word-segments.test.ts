import { describe, expect, test } from 'vitest';
import { asciiWords, wordSegments } from './word-segments.js';

const words = (segments: Iterable<{ segment: string; isWordLike?: boolean | undefined }>) => [...segments].filter((s) => s.isWordLike).map((s) => s.segment);
/** Words, and the other characters one by one, white space left out: what callers read of segments. */
const marks = (segments: Iterable<{ segment: string; isWordLike?: boolean | undefined }>) => [...segments].flatMap((s) => (s.isWordLike ? [s.segment] : [...s.segment.trim()]));
const icu = new Intl.Segmenter('en', { granularity: 'word' });

describe('wordSegments', () => {
  test('splits ASCII text into the words Intl.Segmenter finds, punctuation between letters and digits included', () => {
    for (const text of ["don't", 'node.js', 'a:b', '3:30', '1,000', '1;2', 'v1.2.3', 'a1.b', 'a.1', 'a..b', 'e.g.', '_', '__', 'x _ y', 'a_.b', 'http://x.y/z?q=1', '--ignore-scripts', "'quoted'"]) {
      expect(words(wordSegments(text)), text).toEqual(words(icu.segment(text)));
    }
  });

  test('agrees with Intl.Segmenter on random ASCII text made of the characters that decide word boundaries, punctuation included', () => {
    // A fixed-seed generator: the same strings in every run, so a failure can be reproduced.
    let seed = 12345;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const alphabet = "aZ09_.:',;-/ \n\t\"@$";
    for (let n = 0; n < 5000; n++) {
      const length = 1 + Math.floor(random() * 12);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(marks(wordSegments(text)), JSON.stringify(text)).toEqual(marks(icu.segment(text)));
      expect(asciiWords(text), JSON.stringify(text)).toEqual(words(icu.segment(text)));
    }
  });

  test('leaves text that is not all ASCII to Intl.Segmenter, which splits Japanese into words', () => {
    expect(words(wordSegments('検索インデックスを作る'))).toEqual(words(icu.segment('検索インデックスを作る')));
    expect(words(wordSegments('café au lait'))).toEqual(['café', 'au', 'lait']);
  });
});
