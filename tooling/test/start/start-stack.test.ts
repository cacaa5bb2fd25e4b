/**
 * The one-command experience, end to end: `atomkit start` (what `npm start` runs) lints, builds
 * the index and the site, serves both with the chat API on one origin, and a reader in real
 * Chromium uses the widget on the project's own atoms. The project's atoms are copied next to one
 * hostile atom, so the XSS check runs on the real stack too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../../bot/widget/test/browser.js';
import * as flows from '../../../bot/widget/test/flows.js';
import { openSqlite } from '../../src/sqlite/database.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const LINT_QUESTION = 'how do I check my atoms for mistakes on my own machine before pushing?';

let project: string;
let child: ChildProcess;
let output = '';
let url: string;
let browser: Browser;
let target: flows.FlowTarget;

beforeAll(async () => {
  // Inside the repository: Astro stages its build next to the working directory.
  mkdirSync(path.join(repo, '.atomkit'), { recursive: true });
  project = mkdtempSync(path.join(repo, '.atomkit', 'start-test-'));
  cpSync(path.join(repo, 'atoms'), path.join(project, 'atoms'), { recursive: true });
  writeFileSync(path.join(project, 'atoms', 'troubleshooting', 'pasted-markup-in-an-atom.md'), XSS_ATOM);
  writeFileSync(
    path.join(project, 'atomkit.config.yaml'),
    [`atoms:`, `  interviews: ${JSON.stringify(path.join(repo, 'interviews'))}`, `bot:`, `  rateLimit:`, `    max: 1000`, `  backup:`, `    everyMinutes: 0`, ''].join('\n'),
  );
  child = spawn(process.execPath, [path.join(repo, 'bin/atomkit.js'), '--config', path.join(project, 'atomkit.config.yaml'), 'start', '--port', '0'], {
    cwd: repo,
    env: { ...process.env, ATOMKIT_ALLOW_REMOTE_MODELS: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`atomkit start exited with ${code}:\n${output}`)));
  });
  browser = await launchChromium();
  target = { baseUrl: `${url}/`, startPage: 'error/frontmatter-schema/' };
}, 600_000);

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('atomkit start', { timeout: 90_000 }, () => {
  test('says what it did: lint, index, site, then ready', () => {
    expect(output).toMatch(/lint: \d+ files, 0 errors/);
    expect(output).toMatch(/search index: \d+ atoms/);
    expect(output).toMatch(/docs site: \d+ pages/);
    expect(output).toMatch(/ready in [\d.]+ s/);
  });

  test('serves the site, the widget and the chat API from one origin', async () => {
    const [home, script, health] = await Promise.all([fetch(`${url}/`), fetch(`${url}/widget/atom-chat.js`), fetch(`${url}/healthz`)]);
    expect([home.status, script.status, health.status]).toEqual([200, 200, 200]);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(home.headers.get('content-security-policy')).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[^;]*; .*frame-ancestors 'self'$/);
    expect(health.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });

  test('a reader asks on an atom page, gets a streamed cited answer and lands on the cited section', async () => {
    await flows.flowAskAndFollowCitation(browser, target, { question: LINT_QUESTION, page: 'procedure/run-the-linter-locally/', answerIncludes: 'atomkit lint' });
  });

  test('feedback from the widget reaches the database', async () => {
    const messageId = await flows.flowFeedback(browser, target, LINT_QUESTION, 'Show the --changed flag first.');
    const db = openSqlite(path.join(project, '.atomkit', 'bot.sqlite'), { readOnly: true });
    try {
      const rows = db.prepare('SELECT rating, comment FROM feedback WHERE message_id = ?').all(messageId);
      expect(rows).toEqual([{ rating: 'down', comment: 'Show the --changed flag first.' }]);
    } finally {
      db.close();
    }
  });

  test('the thread survives a reload and follow-ups use it', async () => {
    await flows.flowThreadSurvivesReload(browser, target, LINT_QUESTION, 'and what does frontmatter/schema mean?');
  });

  test('works with the keyboard alone', async () => {
    await flows.flowKeyboardOnly(browser, target, LINT_QUESTION);
  });

  test('works on a 390x844 phone screen', async () => {
    await flows.flowPhone(browser, target, LINT_QUESTION);
  });

  test('a Japanese question on a Japanese page gets a Japanese answer citing the Japanese atom', async () => {
    const { context, page } = await flows.openPage(browser, { baseUrl: `${url}/`, startPage: 'ja/procedure/run-the-linter-locally/' });
    try {
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      expect(await flows.widget(page).locator('.launcher').innerText()).toBe('ドキュメントに質問');
      await flows.openWidget(page);
      const { answer } = await flows.ask(page, 'ローカルでリンターを実行するにはどうすればいいですか？');
      expect(await answer.locator('.answer').innerText()).toMatch(/[\u3040-\u30ff]/);
      const cited = await answer.locator('a.source').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      expect(cited.some((pathname) => pathname.startsWith('/ja/'))).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('an atom carrying a script, handlers and javascript: links in its body, title and FAQ runs nothing, in the answer or on its page', async () => {
    await flows.flowXssInert(browser, target, 'the scanner shows pasted markup and a blank screen');
    await flows.flowXssInert(browser, { ...target, startPage: 'troubleshooting/pasted-markup-in-an-atom/' }, 'the scanner shows pasted markup and a blank screen');
  });
});

const XSS_ATOM = `---
title: "Pasted markup in an atom </title><script>window.__atomkitXss = 4</script>"
summary: The scanner shows pasted markup and a blank screen; this atom carries hostile markup on purpose.
type: troubleshooting
author: atomkit maintainers
created: "2026-11-22"
version: "1.0.0"
tags: [security]
related: []
---

## Symptom

The scanner shows pasted markup and a blank screen. __atomkitXss <script>window.__atomkitXss = 1</script>
<img src="x" onerror="window.__atomkitXss = 2">

## Checks

Open [the help page](javascript:window.__atomkitXss=3) and check that the scanner shows pasted markup and a blank screen.

## Fix

Remove the pasted markup from the scanner configuration and reload the blank screen.

## FAQ

Q: Why does the scanner show pasted markup __atomkitXss <img src=x onerror="window.__atomkitXss = 5">?
A: Because of __atomkitXss <svg onload="window.__atomkitXss = 6"></svg> <a href="javascript:window.__atomkitXss = 7">x</a> in the configuration.
`;
