/** `devSite()` (what `npm run dev` runs): pages follow edits to the atoms folder without a restart. */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devSite, type DevServer } from '../../tooling/src/site/build.js';
import { FIXTURE_ATOMS, fixtureConfig, scratchDir } from './helpers.js';

let server: DevServer;
let atomsDir: string;
let scratch: string;

beforeAll(async () => {
  scratch = scratchDir();
  atomsDir = path.join(scratch, 'atoms');
  cpSync(FIXTURE_ATOMS, atomsDir, { recursive: true });
  server = await devSite({ config: fixtureConfig(), atomsDir, cacheDir: path.join(scratch, 'cache'), port: 0, logLevel: 'error' });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const page = async (urlPath: string) => {
  const response = await fetch(new URL(urlPath.replace(/^\//, ''), server.url));
  return { status: response.status, html: await response.text() };
};

describe('the dev server', () => {
  test('shows drafts', async () => {
    const draft = await page('/troubleshooting/unfinished-scanner-notes/');
    expect(draft.status).toBe(200);
    expect(draft.html).toContain('zebrafinch');
  }, 120_000);

  test('updates an atom page when its file is edited', async () => {
    const file = path.join(atomsDir, 'error', 'payment-gateway-timeout.md');
    expect((await page('/error/payment-gateway-timeout/')).html).toContain('Retry the payment after a minute.');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Retry the payment after a minute.', 'Retry the payment after two minutes.'));
    await expect.poll(async () => (await page('/error/payment-gateway-timeout/')).html, { timeout: 60_000, interval: 1000 }).toContain('Retry the payment after two minutes.');
  }, 120_000);
});
