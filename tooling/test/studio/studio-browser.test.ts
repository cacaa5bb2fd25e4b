/**
 * The authoring studio end to end: the real `atomkit studio` process on a temporary copy of this
 * repository's knowledge base, driven in real Chromium the way an interviewer uses it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../../bot/widget/test/browser.js';
import { parseAtomText } from '../../src/atom/parse.js';
import { openSqliteStore } from '../../../bot/src/store/sqlite.js';
import { loadConfig } from '../../src/config/load.js';
import { parseQuestionSet } from '../../src/eval/questions.js';
import { runLint } from '../../src/lint/run.js';
import { run } from './helpers.js';
import { buildClient, copyKnowledgeBase, startStudio, type StudioProcess } from './studio-process.js';

let studio: StudioProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await buildClient();
  const root = copyKnowledgeBase();
  // Drafts for the review queue, from the transcript the editor test does not use.
  expect((await run(root, 'extract', 'interviews/support-engineer.md')).code).toBe(0);
  studio = await startStudio(root);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

async function open(hash: string): Promise<Page> {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${studio.url}${hash}`);
  return page;
}

/** The CodeMirror line holding exactly `text`, replaced by `replacement` by typing. */
async function retype(text: string, replacement: string): Promise<void> {
  await page.locator('.cm-line', { hasText: new RegExp(`^${text}$`) }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(replacement);
}

const problems = () => page.locator('.problems');

describe('atomkit studio in a browser', { timeout: 120_000 }, () => {
  test('turns two selected turns into a procedure, with live lint and completion, saved lint-free and citing both anchors', async () => {
    await open('#/interviews');
    await page.getByRole('link', { name: 'Running atomkit in production' }).click();
    await page.getByLabel('#t-012').check();
    await page.getByLabel('#t-013').check();
    await expect.poll(() => page.locator('.selection-count').textContent()).toBe('2 turns selected: #t-012, #t-013');
    await page.getByLabel('Atom type').selectOption('procedure');
    await page.getByRole('button', { name: 'Create atom from selection' }).click();
    await page.locator('.lint-state').filter({ hasText: /^Lint: / }).waitFor();
    await expect.poll(() => page.locator('#field-title').inputValue()).toMatch(/without network access/i);

    // A missing section is flagged as it is typed away, and the flag goes when it is written back.
    await retype('## Verify', 'Checking it');
    await expect.poll(() => problems().textContent()).toMatch(/body\/required-section/);
    await expect.poll(() => problems().textContent()).toMatch(/Verify/);
    await retype('Checking it', '## Verify');
    await expect.poll(() => problems().textContent()).not.toMatch(/body\/required-section/);

    // An unresolved related title is flagged on its chip, then completed from the knowledge base.
    const related = page.locator('#field-related');
    await related.fill('Run the linter');
    await related.press('Enter');
    await expect.poll(() => problems().textContent()).toMatch(/related\/unresolved/);
    await expect.poll(() => page.locator('.field-related .chip.invalid').count()).toBe(1);
    await page.getByRole('button', { name: /^Edit Run the linter/ }).click();
    await page.getByRole('option', { name: 'Run the linter locally' }).waitFor();
    await related.press('ArrowDown');
    await related.press('Enter');
    await expect.poll(() => page.locator('.field-related .chip').textContent()).toContain('Run the linter locally');
    await expect.poll(() => problems().textContent()).not.toMatch(/related\/unresolved/);
    await expect.poll(() => page.locator('.field-related .chip.invalid').count()).toBe(0);

    await page.getByRole('button', { name: 'Save' }).click();
    const saved = await page.locator('.notice.ok').textContent();
    const rel = /Saved (atoms\/\S+\.md)\./.exec(saved ?? '')?.[1];
    expect(rel).toMatch(/^atoms\/procedure\//);
    const file = path.join(studio.root, rel!);
    const lint = await runLint({ config: loadConfig({ cwd: studio.root }), cwd: studio.root, paths: [file], cache: false });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const header = parseAtomText(readFileSync(file, 'utf8')).data as { sources: { ref: string }[]; related: string[] };
    expect(header.sources.map((source) => source.ref)).toEqual(['interviews/operator.md#t-012', 'interviews/operator.md#t-013']);
    expect(header.related).toEqual(['Run the linter locally']);
  });

  test('accepts a draft from the review queue, moving it to review', async () => {
    await open('#/review');
    const first = page.locator('.review-item').first();
    const rel = (await first.locator('.path').textContent())!;
    expect(readFileSync(path.join(studio.root, rel), 'utf8')).toMatch(/^status: draft$/m);
    await first.getByRole('button', { name: 'Accept: move to review' }).click();
    await page.locator('.notice.ok').filter({ hasText: `${rel} is now review` }).waitFor();
    expect(readFileSync(path.join(studio.root, rel), 'utf8')).toMatch(/^status: review$/m);
  });

  test('shows the difference instead of overwriting an atom changed on disk since it was opened', async () => {
    const rel = 'atoms/procedure/run-the-linter-locally.md';
    const file = path.join(studio.root, rel);
    await open(`#/atoms/${encodeURIComponent(rel)}`);
    await page.locator('.lint-state').filter({ hasText: /^Lint: / }).waitFor();
    await page.locator('#field-summary').fill('How to run atomkit lint on your own machine before pushing, edited in the studio.');
    const onDisk = readFileSync(file, 'utf8').replace('## Verify', '## Verify\n\nA line someone added in another editor.\n');
    writeFileSync(file, onDisk);

    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.locator('.notice.error').filter({ hasText: 'changed on disk' });
    await conflict.waitFor();
    await expect.poll(() => conflict.locator('.diff').textContent()).toContain('-A line someone added in another editor.');
    expect(readFileSync(file, 'utf8')).toBe(onDisk);

    await conflict.getByRole('button', { name: 'Save mine over it' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replace it' }).click();
    await page.locator('.notice.ok').waitFor();
    expect(readFileSync(file, 'utf8')).toContain('edited in the studio.');
  });

  test('downloads the questions readers asked as a question set, from the signals view', async () => {
    const store = openSqliteStore(path.join(studio.root, '.atomkit', 'bot.sqlite'));
    const refused = { answer: 'Not in the atoms.', citations: [], answered: false, mode: 'extractive' as const, model: null, degraded: false, language: 'en' };
    await store.threads.addExchange({ threadId: undefined, question: 'Can atomkit import Confluence pages?', language: 'en', answer: refused, cached: false, latencyMs: 1 });
    store.close();
    await open('#/signals');
    const link = page.getByRole('link', { name: 'Download the questions readers asked as a question set' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('questions.served.yaml');
    const set = parseQuestionSet(readFileSync((await download.path())!, 'utf8'), 'eval/questions.served.yaml');
    expect(set.questions.map((q) => [q.text, q.unanswerable])).toEqual([['Can atomkit import Confluence pages?', true]]);
  });

  test('refuses writes outside the atoms folder, through a link, and without the session token', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'atomkit-studio-outside-'));
    symlinkSync(outside, path.join(studio.root, 'atoms', 'escape'));
    mkdirSync(path.join(studio.root, 'notes'));
    try {
      await open('#/atoms');
      const attempts = await page.evaluate(async () => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="atomkit-studio-token"]')!.content;
        const save = async (path: string, withToken = true) => {
          const response = await fetch('/api/atom/save', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(withToken ? { 'x-atomkit-token': token } : {}) },
            body: JSON.stringify({ path, text: '---\ntitle: Escaped\n---\n\nBody.\n', hash: null }),
          });
          return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
        };
        return [await save('atoms/../notes/x.md'), await save('../x.md'), await save('atoms/escape/x.md'), await save('atoms/procedure/x.md', false)];
      });
      expect(attempts).toEqual([
        [403, 'ATOMKIT_ERR_OUTSIDE_KNOWLEDGE_BASE'],
        [403, 'ATOMKIT_ERR_OUTSIDE_KNOWLEDGE_BASE'],
        [403, 'ATOMKIT_ERR_OUTSIDE_KNOWLEDGE_BASE'],
        [403, 'ATOMKIT_ERR_FORBIDDEN'],
      ]);
      expect([existsSync(path.join(studio.root, 'notes', 'x.md')), existsSync(path.join(studio.root, '..', 'x.md')), existsSync(path.join(outside, 'x.md')), existsSync(path.join(studio.root, 'atoms/procedure/x.md'))]).toEqual([false, false, false, false]);
    } finally {
      rmSync(path.join(studio.root, 'atoms', 'escape'));
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
