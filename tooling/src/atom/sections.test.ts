import { expect, test } from 'vitest';
import type { AtomType } from './schema.js';
import { REQUIRED_SECTIONS, headingMatches, sectionHeadingIn } from './sections.js';

test('a required section is headed in Japanese in a Japanese atom, and as written in a language no heading is given in', () => {
  expect(sectionHeadingIn('procedure', 'Steps', 'ja')).toBe('手順');
  expect(sectionHeadingIn('error', 'How to resolve', 'ja-JP')).toBe('解決方法');
  expect(sectionHeadingIn('procedure', 'Steps', 'de')).toBe('Steps');
  expect(sectionHeadingIn('procedure', 'Notes', 'ja')).toBe('Notes');
});

test('every required section has a Japanese heading, and it counts as that section', () => {
  for (const [type, specs] of Object.entries(REQUIRED_SECTIONS) as [AtomType, (typeof REQUIRED_SECTIONS)[AtomType]][]) {
    for (const spec of specs) {
      const heading = sectionHeadingIn(type, spec.heading, 'ja');
      expect(heading).not.toBe(spec.heading);
      expect(headingMatches(heading, spec)).toBe(true);
    }
  }
});
