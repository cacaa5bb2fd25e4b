/**
 * `<atom-chat>` in real Chromium, on pages of the real Starlight site built from fixture atoms,
 * talking to the real chat service (lexical index, SQLite, extractive answers).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

  test('covers a 390x844 phone screen and stays usable there', async () => {
    await flows.flowPhone(browser, target, ROTATE);
  });

  test('shows a hostile atom quoted in an answer as text: no script, handler or javascript: link runs', async () => {
    await flows.flowXssInert(browser, target, 'Why does the handheld scanner show a blank screen after the firmware update?');
  });

  test('says when the atoms do not cover a question, with the support contact and a "suggest an atom" link', async () => {
    await flows.flowNotInTheAtoms(browser, target, 'What is the best sourdough bread recipe?', { contact: SUPPORT_CONTACT, suggestUrl: SUGGEST_URL });
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

  test('shows the wait when the service rate-limits questions', async () => {
    const limited = await startStack(project, { rateLimit: { max: 1, windowMs: 60_000 }, db: 'limited.sqlite' });
    try {
      await flows.flowRateLimited(browser, { ...target, baseUrl: `${limited.url}/` }, ROTATE);
    } finally {
      await limited.close();
    }
  });
});
