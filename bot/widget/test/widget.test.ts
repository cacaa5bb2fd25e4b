/**
 * `<atom-chat>` in real Chromium, on pages of the real Starlight site built from fixture atoms,
 * talking to the real chat service (lexical index, SQLite, extractive answers).
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../../test/openai-server.js';
import { launchChromium } from './browser.js';
import * as flows from './flows.js';
import { prepareProject, startStack, SUGGEST_URL, SUPPORT_CONTACT, type RunningStack, type WidgetProject } from './stack.js';

const ATOMS = fileURLToPath(new URL('./fixtures/atoms/', import.meta.url));
const ROTATE = 'How do I rotate the webhook signing key?';

let project: WidgetProject;
let stack: RunningStack;
let browser: Browser;
let target: flows.FlowTarget;

beforeAll(async () => {
  project = await prepareProject(path.resolve(ATOMS));
  stack = await startStack(project);
  browser = await launchChromium();
  target = { baseUrl: `${stack.url}/`, startPage: 'error/signature-mismatch-on-webhook-delivery/' };
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  project?.remove();
});

describe('<atom-chat> on a docs page', { timeout: 60_000 }, () => {
  test('streams an answer with a citation that opens the cited section of the right page', async () => {
    await flows.flowAskAndFollowCitation(browser, target, {
      question: ROTATE,
      page: 'procedure/rotate-the-signing-key/',
      answerIncludes: 'keyctl',
    });
  });

  test('records a thumbs-down with its comment in the database', async () => {
    const messageId = await flows.flowFeedback(browser, target, ROTATE, 'The vault path is missing.');
    expect(stack.feedbackFor(messageId)).toEqual([{ rating: 'down', comment: 'The vault path is missing.' }]);
  });

  test('keeps the thread across a reload, sends follow-ups in it, and forgets it on "New conversation"', async () => {
    await flows.flowThreadSurvivesReload(browser, target, ROTATE, 'What does WHK-401 mean?');
  });

  test('can be used with the keyboard alone', async () => {
    await flows.flowKeyboardOnly(browser, target, ROTATE);
  });

  test("scrolls each new answer so its first line is in view", async () => {
    const pasted = ['I got this in the webhook logs, what does it mean?', ...Array.from({ length: 14 }, (_, i) => `2026-03-0${(i % 9) + 1}T10:00:0${i % 10}Z delivery ${4100 + i} failed: WHK-401 signature mismatch`)].join('\n');
    await flows.flowAnswerStartsInView(browser, target, [ROTATE, pasted]);
  });

  test("keeps the launcher off the page's text: aside while scrolling down, below the content at the end", async () => {
    await flows.flowLauncherClearsContent(browser, target);
  });

  test('covers a 390x844 phone screen and stays usable there', async () => {
    await flows.flowPhone(browser, target, ROTATE);
  });

  test('shows a hostile atom quoted in an answer as text: no script, handler or javascript: link runs', async () => {
    await flows.flowXssInert(browser, target, 'What does it mean when the handheld scanner shows a blank screen after the firmware update?');
  });

  test('says when the atoms do not cover a question, with the support contact and a "suggest an atom" link', async () => {
    await flows.flowNotInTheAtoms(browser, target, 'What is the best sourdough bread recipe?', { contact: SUPPORT_CONTACT, suggestUrl: SUGGEST_URL });
  });

  test('follows the page theme, and the OS colour scheme on a page that sets none', async () => {
    const { context, page } = await flows.openPage(browser, target, { colorScheme: 'dark' });
    try {
      const theme = () => flows.widget(page).evaluate((node) => (node.shadowRoot!.querySelector('.root') as HTMLElement).dataset.theme);
      await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
      await expect.poll(theme).toBe('light');
      await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
      await expect.poll(theme).toBe('dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(theme).toBe('light');
    } finally {
      await context.close();
    }
  });

  test('says when the service cannot be reached and retries on request', async () => {
    await flows.flowUnreachable(browser, target, ROTATE);
  });

  test('drops a reply that arrives after the conversation was cleared', async () => {
    await flows.flowStaleReplyDropped(browser, target, ROTATE);
  });

  test('speaks Japanese when its lang is ja', async () => {
    await flows.flowJapanese(browser, target);
  });

  test("runs under the service's Content-Security-Policy: theme script, search and chat work and nothing is blocked", async () => {
    await flows.flowUnderCsp(browser, target, { query: 'keyctl', title: 'Rotate the signing key' }, ROTATE);
  });

  test('a handler or javascript: link that reached a served page is blocked by the policy, while its own script runs', async () => {
    writeFileSync(
      path.join(project.siteDir, 'probe.html'),
      '<!doctype html><title>Probe</title><script>window.__ran = 1</script><img src="x" onerror="window.__xss = 1"><a id="j" href="javascript:window.__xss = 2">j</a>',
    );
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${stack.url}/probe.html`, { waitUntil: 'load' });
      await page.locator('#j').click();
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  test('works in a page of another site listed in bot.cors', async () => {
    let embedded: RunningStack | undefined;
    const host: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><title>Intranet</title><script type="module" src="${embedded!.url}/widget/atom-chat.js"></script>` +
          `<atom-chat endpoint="${embedded!.url}/" site="${embedded!.url}/"></atom-chat></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const hostOrigin = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
    try {
      embedded = await startStack(project, { db: 'embedded.sqlite', cors: [hostOrigin] });
      const { context, page, errors } = await flows.openPage(browser, { baseUrl: `${hostOrigin}/`, startPage: '' });
      try {
        await flows.openWidget(page);
        const { answer } = await flows.ask(page, ROTATE);
        const sources = await answer.locator('a.source').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
        expect(sources[0]).toMatch(new RegExp(`^${embedded.url}/procedure/rotate-the-signing-key/`));
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    } finally {
      await embedded?.close();
      await new Promise((resolve) => host.close(resolve));
    }
  });

  test('shows the wait when the service rate-limits questions', async () => {
    const limited = await startStack(project, { rateLimit: { max: 1, windowMs: 60_000 }, db: 'limited.sqlite' });
    try {
      await flows.flowRateLimited(browser, { ...target, baseUrl: `${limited.url}/` }, ROTATE);
    } finally {
      await limited.close();
    }
  });
});

describe('<atom-chat> with a language model', { timeout: 60_000 }, () => {
  let openai: FakeOpenAi;
  let llmStack: RunningStack;
  let llmTarget: flows.FlowTarget;

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    openai.behave('writer', {
      kind: 'reply',
      text:
        'Generate the new key, keep both keys during the overlap window, then run `keyctl promote` [1]. ' +
        'Ignore this: <img src="x" onerror="window.__atomkitXss = 4"><script>window.__atomkitXss = 5</script> ' +
        '[open the console](javascript:window.__atomkitXss=6) [2]',
    });
    openai.behave('down', { kind: 'status', status: 500 });
    openai.behave('linker', {
      kind: 'reply',
      text: 'Promote the new key with `keyctl promote` [1]. Visit [evil](http://evil.example/steal) or http://evil.example/x, or read [the handbook](/) first.',
    });
    llmStack = await startStack(project, { db: 'llm.sqlite', llm: { baseUrl: openai.baseUrl, models: ['writer'] } });
    llmTarget = { ...target, baseUrl: `${llmStack.url}/` };
  });

  afterAll(async () => {
    await llmStack?.close();
    await openai?.close();
  });

  test("streams the model's answer and links its [n] markers to the cited sections", async () => {
    await flows.flowCitationMarkers(browser, llmTarget, ROTATE);
  });

  test('shows markup and javascript: links written by the model as inert text', async () => {
    await flows.flowXssInert(browser, llmTarget, 'How long is the overlap window when I rotate the signing key?');
  });

  test('shows links the model makes to other sites as plain text, keeping links to the docs site', async () => {
    const linking = await startStack(project, { db: 'linker.sqlite', llm: { baseUrl: openai.baseUrl, models: ['linker'] } });
    try {
      await flows.flowForeignLinksAsText(browser, { ...target, baseUrl: `${linking.url}/` }, ROTATE, { text: 'evil', url: 'http://evil.example/x' });
    } finally {
      await linking.close();
    }
  });

  test('says when the model failed and the answer is quoted from the atoms instead', async () => {
    const degraded = await startStack(project, { db: 'degraded.sqlite', llm: { baseUrl: openai.baseUrl, models: ['down'] } });
    try {
      await flows.flowDegraded(browser, { ...target, baseUrl: `${degraded.url}/` }, ROTATE);
    } finally {
      await degraded.close();
    }
  });

  test('replaces the text of a model whose stream stopped before its finish_reason with the quoted answer, marked as a fallback', async () => {
    openai.behave('stops-short', { kind: 'close-early', text: 'Generate the new key, keep both keys during the overlap window [1].', chunks: 4 });
    const stopped = await startStack(project, { db: 'stops-short.sqlite', llm: { baseUrl: openai.baseUrl, models: ['stops-short'] } });
    try {
      await flows.flowDegraded(browser, { ...target, baseUrl: `${stopped.url}/` }, ROTATE);
    } finally {
      await stopped.close();
    }
  });
});
