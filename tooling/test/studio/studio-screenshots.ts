/**
 * Regenerates tooling/src/studio/web/screenshots (each view, light and dark, 1280x800):
 * `npx tsx tooling/test/studio/studio-screenshots.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../../bot/widget/test/browser.js';
import { openSqliteStore } from '../../../bot/src/store/sqlite.js';
import { buildClient, copyKnowledgeBase, startStudio } from './studio-process.js';

const out = fileURLToPath(new URL('../../src/studio/web/screenshots/', import.meta.url));
await buildClient();
mkdirSync(out, { recursive: true });
const root = copyKnowledgeBase();
// A draft to review and a few reader signals, so no view is empty.
execFileSync(process.execPath, [path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'bin/atomkit.js'), '--cwd', root, 'extract', 'interviews/operator.md'], { stdio: 'ignore' });
const store = openSqliteStore(path.join(root, '.atomkit', 'bot.sqlite'));
const answer = (text: string, answered: boolean) => ({ answer: text, citations: [], answered, mode: 'extractive' as const, model: null, degraded: false, language: 'en' });
for (const question of ['How do I rotate the signing key of the widget?', 'Can atomkit import Confluence pages?', 'How do I rotate the widget signing key']) {
  const { threadId, messageId } = await store.threads.addExchange({ threadId: undefined, question, language: 'en', answer: answer('Not in the atoms.', false), cached: false, latencyMs: 12 });
  store.unanswered.record({ question, language: 'en', topScore: 0.1, topAtomId: undefined, threadId, messageId });
}
const { messageId } = await store.threads.addExchange({ threadId: undefined, question: 'Why does lint say my related title is unresolved?', language: 'en', answer: answer('Check the title.', true), cached: false, latencyMs: 12 });
store.feedback.add(messageId, 'down', 'It did not say which title to use.');
store.close();

const studio = await startStudio(root);
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    const shots: [string, string, string][] = [
      ['transcripts', '#/interviews', 'table'],
      ['transcript', '#/interviews/interviews%2Foperator.md', '.turns'],
      ['editor', `#/atoms/${encodeURIComponent('atoms/procedure/run-the-linter-locally.md')}`, '.lint-state:not(:text("Linting…"))'],
      ['review', '#/review', '.review-list'],
      ['signals', '#/signals', '.signal-grid'],
      ['changes', '#/changes', '.changes-grid'],
    ];
    for (const [name, hash, ready] of shots) {
      await page.goto(`${studio.url}${hash}`);
      await page.locator(ready).first().waitFor();
      if (name === 'transcript') {
        await page.getByLabel('#t-003').check();
        await page.getByLabel('#t-004').check();
      }
      await page.waitForTimeout(300);
      const file = path.join(out, `${name}-${scheme}.png`);
      writeFileSync(file, await page.screenshot());
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await studio.close();
}
