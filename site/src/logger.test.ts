import { describe, expect, test } from 'vitest';
import { expectedAbsence } from './logger.js';

describe('the standalone site log', () => {
  test("leaves out Astro's warnings that Starlight's docs and i18n collections are absent", () => {
    for (const collection of ['docs', 'i18n']) {
      expect(expectedAbsence({ level: 'warn', label: 'content', message: `The collection "${collection}" does not exist or is empty. Please check your content config file for errors.` })).toBe(true);
    }
  });

  test('keeps every other message: another collection, another level or label, any other warning', () => {
    const absent = (collection: string) => `The collection "${collection}" does not exist or is empty. Please check your content config file for errors.`;
    expect(expectedAbsence({ level: 'warn', label: 'content', message: absent('blog') })).toBe(false);
    expect(expectedAbsence({ level: 'error', label: 'content', message: absent('docs') })).toBe(false);
    expect(expectedAbsence({ level: 'warn', label: 'router', message: absent('docs') })).toBe(false);
    expect(expectedAbsence({ level: 'warn', label: 'content', message: 'Duplicate id "a" found in docs.' })).toBe(false);
  });
});
