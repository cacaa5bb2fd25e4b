import { describe, expect, test } from 'vitest';
import { ALERT_MARKER, ALERT_MARKER_LINE, ALERT_REFERENCE, alertLabel } from './github-alerts.js';

describe('GitHub alert markers', () => {
  test('a marker line is read in any case and in a nested quote, its quote markers kept', () => {
    expect(ALERT_MARKER_LINE.exec('> > [!Warning]  ')?.slice(1)).toEqual(['> >', 'Warning']);
    expect(ALERT_MARKER_LINE.test('> [!NOTE] with text after it')).toBe(false);
    expect(ALERT_MARKER_LINE.test('> [!DANGER]')).toBe(false);
  });

  test('the marker opening a paragraph, and the reference a linter reads it as', () => {
    expect(ALERT_MARKER.exec('[!TIP]\nRun it.')?.[1]).toBe('TIP');
    expect(ALERT_REFERENCE.test('!caution')).toBe(true);
    expect(ALERT_REFERENCE.test('!cautionary')).toBe(false);
  });

  test('labels read as GitHub writes them', () => {
    expect(['NOTE', 'tip', 'Important'].map(alertLabel)).toEqual(['Note', 'Tip', 'Important']);
  });
});
