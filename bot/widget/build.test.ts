import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildWidget } from './build.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-widget-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(buildWidget, () => {
  test('writes one self-contained ES module that defines <atom-chat>', async () => {
    const outfile = path.join(dir, 'atom-chat.js');
    const built = await buildWidget({ outfile });
    expect(readFileSync(outfile, 'utf8')).toBe(built.code);
    // No import statements or dynamic imports left: one request loads everything.
    expect(built.code).not.toMatch(/(^|[;}\s])import\s*[\w{*"'(]/);
    expect(built.code).toContain('customElements.define("atom-chat"');
    expect(built.code).toContain('export{');
    expect(built.bytes).toBe(Buffer.byteLength(built.code));
  });

  test('inlines the stylesheet minified, with the Starlight custom properties', async () => {
    const { code } = await buildWidget({ outfile: path.join(dir, 'styles.js') });
    expect(code).toContain('var(--sl-color-bg,');
    expect(code).not.toMatch(/\/\*[^!]/);
  });

  test('stays within its size budget: 45 KiB gzipped, marked and DOMPurify included', async () => {
    const { gzipBytes } = await buildWidget({ outfile: path.join(dir, 'budget.js') });
    expect(gzipBytes).toBeLessThan(45 * 1024);
  });
});
