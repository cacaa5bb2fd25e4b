import { describe, expect, test } from 'vitest';
import { applyFixes, fixableDiagnostics } from './fix.js';
import { atom, header, procedureBody, settings } from './test-helpers.js';

describe('fixes', () => {
  test('drop the BOM and CRLF endings and add the final newline', () => {
    const clean = header() + procedureBody;
    const broken = atom(`\uFEFF${clean.trimEnd().replace(/\n/g, '\r\n')}`);
    const fixes = fixableDiagnostics(broken, 'atoms/procedure/x.md', settings).map((d) => d.fix!);
    expect(applyFixes(broken, fixes)).toEqual({ text: clean, applied: 3 });
  });

  test('keep CRLF endings when only an edit is applied', () => {
    expect(applyFixes({ text: 'a\nb', bom: false, crlf: true }, [{ range: [3, 3], text: '\n' }]).text).toBe('a\r\nb\r\n');
  });
});
