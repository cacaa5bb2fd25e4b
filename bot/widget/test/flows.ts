/**
 * What a reader does with `<atom-chat>`, as functions of a browser and the URL of a site that
 * embeds it (site, API and widget on one origin). The widget's own tests run them against a stack
 * built from fixture atoms; the `npm start` tests can run them against the real thing.
 *
 * Every flow opens its own browser context (fresh storage) and closes it; failures throw
 * `AssertionError`s that say what was seen.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page, Request } from 'playwright-core';

export interface FlowTarget {
  /** Where the site is served, with its base path, e.g. `http://127.0.0.1:4321/`. */
  readonly baseUrl: string;
  /** An atom page to start from, relative to `baseUrl`, e.g. `error/x/`. */
  readonly startPage: string;
}

export interface Answered {
  readonly page: Page;
  /** The `<article>` of the answer. */
  readonly answer: Locator;
  readonly messageId: string;
  /** Content type of the `/api/query` response (`text/event-stream` when streamed). */
  readonly contentType: string;
  /** The JSON body the widget posted. */
  readonly request: { question: string; threadId?: string };
  /** `token` events in the response (0 for a JSON response). */
  readonly tokenEvents: number;
}

const TIMEOUT = 15_000;

/** The widget element on a page. */
export const widget = (page: Page): Locator => page.locator('atom-chat');

/** Opens a page of the site in a new context and waits until the widget is defined. */
export async function openPage(browser: Browser, target: FlowTarget, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  // Every wait fails with the step that did not happen, well before the test runner's timeout.
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(new URL(target.startPage, target.baseUrl).href);
  await waitForWidget(page);
  return { context, page, errors };
}

export async function waitForWidget(page: Page): Promise<void> {
  await page.waitForFunction(() => customElements.get('atom-chat') !== undefined, undefined, { timeout: TIMEOUT });
  await widget(page).locator('.launcher').waitFor({ state: 'visible', timeout: TIMEOUT });
}

/** The element focused inside the widget's shadow root, described as `tag#id.class`. */
export async function focusedInWidget(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const active = document.querySelector('atom-chat')?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''}${active.className ? `.${String(active.className).split(' ').join('.')}` : ''}` : undefined;
  });
}

/** Clicks the launcher and checks that the panel opened with the question field focused. */
export async function openWidget(page: Page): Promise<void> {
  await widget(page).locator('.launcher').click();
  await widget(page).locator('.panel').waitFor({ state: 'visible' });
  assert.equal(await focusedInWidget(page), 'textarea#question', 'focus moves to the question field when the panel opens');
}

/** Types a question, sends it with Enter and waits for the complete answer. */
export async function ask(page: Page, question: string): Promise<Answered> {
  const answers = widget(page).locator('article.assistant');
  const before = await answers.count();
  const requested = page.waitForRequest((r) => r.url().endsWith('/api/query') && r.method() === 'POST', { timeout: TIMEOUT });
  const responded = page.waitForResponse((r) => r.url().endsWith('/api/query'), { timeout: TIMEOUT });
  await widget(page).locator('textarea#question').fill(question);
  await widget(page).locator('textarea#question').press('Enter');
  const request: Request = await requested;
  const response = await responded;
  const answer = answers.nth(before);
  await answer.and(page.locator('article.assistant:not([aria-busy])')).waitFor({ timeout: TIMEOUT });
  const messageId = (await answer.getAttribute('data-message-id')) ?? '';
  const contentType = response.headers()['content-type'] ?? '';
  const tokenEvents = contentType.includes('text/event-stream') ? ((await response.text()).match(/^event: token$/gm) ?? []).length : 0;
  return { page, answer, messageId, contentType, tokenEvents, request: request.postDataJSON() as Answered['request'] };
}

export interface CitationExpectation {
  readonly question: string;
  /** Path (relative to the base URL) of the page the first citation must open. */
  readonly page: string;
  /** Words the answer must contain. */
  readonly answerIncludes: string;
}

/**
 * Asks, sees the streamed answer with a citation, follows the citation and lands on the cited
 * section of the right page.
 */
export async function flowAskAndFollowCitation(browser: Browser, target: FlowTarget, expected: CitationExpectation): Promise<void> {
  const { context, page, errors } = await openPage(browser, target);
  try {
    await openWidget(page);
    const { answer, contentType, tokenEvents } = await ask(page, expected.question);
    assert.match(contentType, /text\/event-stream/, 'the answer is streamed as server-sent events');
    assert.ok(tokenEvents > 1, `the answer arrived in pieces (${tokenEvents} token events)`);
    assert.ok((await answer.locator('.answer').textContent())?.includes(expected.answerIncludes), `the answer mentions "${expected.answerIncludes}"`);
    const citation = answer.locator('a.source').first();
    const href = await citation.getAttribute('href');
    assert.ok(href, 'the answer has a citation link');
    const cited = new URL(href);
    assert.equal(cited.origin + cited.pathname, new URL(expected.page, target.baseUrl).href, 'the first citation is the expected atom page');
    assert.match(cited.hash, /^#[\w-]+$/, 'the citation is deep-linked to a section');
    const section = (await citation.locator('.section').textContent())?.replace(/^\s*›\s*/, '');
    await Promise.all([page.waitForURL((url) => url.pathname === cited.pathname), citation.click()]);
    assert.equal(new URL(page.url()).hash, cited.hash, 'the browser keeps the section anchor');
    const heading = page.locator(`[id="${decodeURIComponent(cited.hash.slice(1))}"]`);
    await heading.waitFor({ state: 'attached' });
    assert.match(await heading.evaluate((node) => node.tagName), /^H[2-6]$/, 'the anchor is a section heading');
    // A FAQ pair is cited by its question, under the page's FAQ heading.
    if (section) assert.ok((await page.locator('main').innerText()).includes(section), `the page holds the cited section "${section}"`);
    const top = await heading.evaluate((node) => node.getBoundingClientRect().top);
    assert.ok(top >= -5 && top < 400, `the cited section is scrolled into view (top ${top}px)`);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
}

/** Rates an answer down with a comment; returns the answer's message id (for a database check). */
export async function flowFeedback(browser: Browser, target: FlowTarget, question: string, comment: string): Promise<string> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    const { answer, messageId } = await ask(page, question);
    assert.ok(messageId, 'the answer carries its message id');
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/feedback') && r.ok());
    await answer.locator('button[data-rating="down"]').click();
    assert.equal(await answer.locator('button[data-rating="down"]').getAttribute('aria-pressed'), 'true');
    const field = answer.locator('.comment textarea');
    assert.equal(await focusedInWidget(page), `textarea#comment-${messageId}`, 'a thumbs-down asks why, with the comment field focused');
    await field.fill(comment);
    await answer.locator('.comment button[type="submit"]').click();
    await posted;
    await answer.locator('.feedback-status.thanks').waitFor();
    return messageId;
  } finally {
    await context.close();
  }
}

/** A thread survives a reload; a follow-up uses it; "New conversation" forgets it. */
export async function flowThreadSurvivesReload(browser: Browser, target: FlowTarget, question: string, followUp: string): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    const first = await ask(page, question);
    assert.equal(first.request.threadId, undefined, 'the first question starts a thread');
    const firstAnswer = await first.answer.locator('.answer').innerText();
    await page.reload();
    await waitForWidget(page);
    await openWidget(page);
    const log = widget(page).locator('.log');
    await log.locator('article.assistant').first().waitFor();
    assert.equal(await log.locator('article.user .bubble').first().innerText(), question, 'the question is back after the reload');
    assert.equal(await log.locator('article.assistant .answer').first().innerText(), firstAnswer, 'the answer is back after the reload');
    assert.ok(await log.locator('article.assistant a.source').count(), 'its citations are back too');
    const second = await ask(page, followUp);
    assert.ok(second.request.threadId, 'the follow-up is sent with the thread id');
    assert.equal(await log.locator('article.user').count(), 2);

    await widget(page).locator('button[part="clear"]').click();
    assert.equal(await log.locator('article').count(), 0, '"New conversation" empties the log');
    assert.equal(await focusedInWidget(page), 'textarea#question');
    const third = await ask(page, question);
    assert.equal(third.request.threadId, undefined, 'after clearing, the next question starts a new thread');
  } finally {
    await context.close();
  }
}

/** The whole flow with the keyboard only: reach the launcher, ask, reach a citation, Escape closes. */
export async function flowKeyboardOnly(browser: Browser, target: FlowTarget, question: string): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    // The launcher is the last control of the page: Shift+Tab from the top reaches it quickly.
    let onLauncher = false;
    for (let i = 0; i < 20 && !onLauncher; i++) {
      await page.keyboard.press('Shift+Tab');
      onLauncher = (await focusedInWidget(page)) === 'button.launcher';
    }
    assert.ok(onLauncher, 'the launcher can be reached with the keyboard');
    await page.keyboard.press('Enter');
    assert.equal(await focusedInWidget(page), 'textarea#question', 'Enter on the launcher opens the panel and focuses the question field');
    await page.keyboard.type(question);
    const done = widget(page).locator('article.assistant:not([aria-busy]) .feedback').first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    await done;
    let onCitation = false;
    for (let i = 0; i < 40 && !onCitation; i++) {
      await page.keyboard.press('Shift+Tab');
      onCitation = (await focusedInWidget(page))?.startsWith('a.source') ?? false;
    }
    assert.ok(onCitation, 'citations can be reached with the keyboard');
    await page.keyboard.press('Escape');
    await widget(page).locator('.panel').waitFor({ state: 'hidden' });
    assert.equal(await focusedInWidget(page), 'button.launcher', 'Escape closes the panel and focus returns to the launcher');
    assert.equal(await widget(page).locator('.launcher').getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Enter');
    await widget(page).locator('.panel').waitFor({ state: 'visible' });
    assert.equal(await widget(page).locator('article.user').count(), 1, 'reopening shows the conversation');
  } finally {
    await context.close();
  }
}

/** On a 390x844 phone the panel covers the screen, nothing overflows sideways, Tab stays inside. */
export async function flowPhone(browser: Browser, target: FlowTarget, question: string): Promise<void> {
  const { context, page } = await openPage(browser, target, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    const launcher = await widget(page).locator('.launcher').boundingBox();
    assert.ok(launcher && launcher.x + launcher.width <= 390 && launcher.y + launcher.height <= 844, 'the launcher is on screen');
    await openWidget(page);
    const panel = await widget(page).locator('.panel').boundingBox();
    assert.deepEqual(panel && [panel.x, panel.y, panel.width, panel.height].map(Math.round), [0, 0, 390, 844], 'the panel covers the screen');
    const { answer } = await ask(page, question);
    assert.ok(await answer.locator('a.source').count(), 'the answer has citations');
    const overflow = await widget(page).locator('.log').evaluate((log) => log.scrollWidth - log.clientWidth);
    assert.ok(overflow <= 0, `the conversation does not scroll sideways (${overflow}px)`);
    const close = await widget(page).locator('button[part="close"]').boundingBox();
    assert.ok(close && close.width >= 32 && close.height >= 32, 'the close button is big enough to tap');
    for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement?.tagName === 'ATOM-CHAT'), 'Tab stays inside the full-screen panel');
  } finally {
    await context.close();
  }
}

/** An atom with a `<script>`, an `onerror=` and a `javascript:` link: quoted in an answer, nothing runs. */
export async function flowXssInert(browser: Browser, target: FlowTarget, question: string, marker = '__atomkitXss'): Promise<void> {
  const { context, page, errors } = await openPage(browser, target);
  try {
    await openWidget(page);
    const { answer } = await ask(page, question);
    const text = await answer.locator('.answer').innerText();
    assert.ok(text.includes(marker), `the answer quotes the hostile atom (${text.slice(0, 200)})`);
    // Follow every link of the answer, as a reader would.
    for (const link of await answer.locator('.answer a').all()) {
      const href = await link.getAttribute('href');
      assert.ok(href === null || /^https?:/.test(href), `answer links are http(s) only, got ${href}`);
      if (href === null) await link.click();
    }
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], marker), undefined, 'no payload ran');
    const dangerous = await answer.evaluate((node) => node.querySelectorAll('script, img, iframe, [onerror], [onclick], [onload], [style]').length);
    assert.equal(dangerous, 0, 'no script, image, frame, handler or style attribute reaches the DOM');
    assert.deepEqual(errors, [], 'no script errors and no dialogs');
  } finally {
    await context.close();
  }
}

/**
 * A model writes links to another site (as a hostile atom could tell it to): the reader sees them as
 * plain text, while links to the docs site and the `[n]` markers stay links.
 */
export async function flowForeignLinksAsText(browser: Browser, target: FlowTarget, question: string, foreign: { text: string; url: string }): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    const { answer } = await ask(page, question);
    const text = await answer.locator('.answer').innerText();
    assert.ok(text.includes(foreign.text) && text.includes(foreign.url), `the foreign link text and URL are shown (${text.slice(0, 300)})`);
    const hrefs = await answer.locator('.answer a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    const site = new URL(target.baseUrl);
    assert.deepEqual(hrefs.filter((href) => new URL(href).origin !== site.origin), [], 'no link leads off the docs site');
    assert.ok(await answer.locator('.answer a.marker').count(), 'citation markers are links');
    assert.ok(hrefs.some((href) => !href.includes('#') && new URL(href).origin === site.origin), `a link to the docs site stays a link (${hrefs.join(', ')})`);
  } finally {
    await context.close();
  }
}

/**
 * A page under the service's Content-Security-Policy: the theme script, search (Pagefind's
 * WebAssembly) and the chat all work, and the browser reports no blocked script or style.
 */
export async function flowUnderCsp(browser: Browser, target: FlowTarget, search: { query: string; title: string }, question: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  try {
    const page = await context.newPage();
    const response = await page.goto(new URL(target.startPage, target.baseUrl).href);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/, 'the page comes with a policy');
    assert.ok(await page.evaluate(() => 'StarlightThemeProvider' in window), "Starlight's inline theme script ran");
    await waitForWidget(page);
    await openWidget(page);
    const { answer } = await ask(page, question);
    assert.ok(await answer.locator('a.source').count(), 'the chat answered with sources');
    assert.deepEqual(await violations(page), [], 'nothing was blocked on the atom page');
    await page.goto(new URL(`search/?q=${encodeURIComponent(search.query)}`, target.baseUrl).href);
    await page.locator('.pagefind-ui__result-title', { hasText: search.title }).first().waitFor();
    assert.deepEqual(await violations(page), [], 'nothing was blocked on the search page');
  } finally {
    await context.close();
  }
}

/** The configured model failed, so the answer is quoted from the atoms: the widget says so. */
export async function flowDegraded(browser: Browser, target: FlowTarget, question: string): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    const { answer } = await ask(page, question);
    assert.match(await answer.locator('.note').innerText(), /language model did not answer/, 'the fallback is pointed out');
    assert.ok(await answer.locator('a.source').count(), 'the quoted answer still cites its sources');
  } finally {
    await context.close();
  }
}

/** `[n]` markers in a model's answer link to the cited sections. */
export async function flowCitationMarkers(browser: Browser, target: FlowTarget, question: string): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    const { answer, tokenEvents } = await ask(page, question);
    assert.ok(tokenEvents > 1, `the model's answer arrived in pieces (${tokenEvents} token events)`);
    const marker = answer.locator('.answer a.marker').first();
    const n = await marker.innerText();
    const source = answer.locator('a.source').nth(Number(n) - 1);
    assert.equal(await marker.getAttribute('href'), await source.getAttribute('href'), `marker [${n}] links to source ${n}`);
  } finally {
    await context.close();
  }
}

/** A question the atoms do not cover: a clear notice with the support contact and "suggest an atom". */
export async function flowNotInTheAtoms(browser: Browser, target: FlowTarget, question: string, support: { contact: string; suggestUrl: string }): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    const { answer } = await ask(page, question);
    const notice = answer.locator('.notice[part~="not-answered"]');
    await notice.waitFor();
    assert.ok((await notice.innerText()).includes(support.contact), 'the notice names the support contact');
    const suggest = notice.locator('a[part="suggest"]');
    const expected = support.suggestUrl.replace('{question}', encodeURIComponent(question));
    assert.equal(await suggest.getAttribute('href'), new URL(expected).href, 'the "suggest an atom" link is the one the service returned');
    assert.equal(await notice.locator(`a[href="${new URL(expected).href}"]`).count(), 1, 'the "suggest an atom" link is offered once');
    const sentence = await suggest.evaluate((link) => link.parentElement?.textContent ?? '');
    assert.ok(sentence.includes(support.contact), `the service's own "suggest an atom" link stays in its sentence, beside the contact (found in "${sentence}")`);
    assert.equal(await answer.locator('a.source').count(), 0, 'nothing is cited for an unanswered question');
  } finally {
    await context.close();
  }
}

/** The service cannot be reached: a clear notice with "Try again", which works once it is back. */
export async function flowUnreachable(browser: Browser, target: FlowTarget, question: string): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    await page.route('**/api/query', (route) => route.abort('connectionrefused'));
    await widget(page).locator('textarea#question').fill(question);
    await widget(page).locator('textarea#question').press('Enter');
    const notice = widget(page).locator('.notice.error');
    await notice.waitFor();
    assert.match(await notice.innerText(), /cannot be reached/);
    assert.match((await widget(page).locator('[part="status"]').innerText()) ?? '', /cannot be reached/, 'the status line announces it');
    await page.unroute('**/api/query');
    await notice.locator('button.retry').click();
    await widget(page).locator('article.assistant:not([aria-busy]) a.source').first().waitFor({ timeout: TIMEOUT });
    assert.equal(await widget(page).locator('article.user').count(), 1, 'retrying does not repeat the question');
  } finally {
    await context.close();
  }
}

/** A reply that arrives after "New conversation" is dropped. */
export async function flowStaleReplyDropped(browser: Browser, target: FlowTarget, question: string): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/query', async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    await widget(page).locator('textarea#question').fill(question);
    await widget(page).locator('textarea#question').press('Enter');
    await widget(page).locator('article.assistant[aria-busy="true"]').waitFor();
    await widget(page).locator('button[part="clear"]').click();
    release();
    await page.waitForTimeout(1000);
    assert.equal(await widget(page).locator('article').count(), 0, 'the late answer is not shown');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('atomkit-chat:')).length), 0, 'and its thread is not remembered');
  } finally {
    await context.close();
  }
}

/** Rate limited: the wait is shown and counted down, sending is blocked until then. */
export async function flowRateLimited(browser: Browser, target: FlowTarget, question: string): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await openWidget(page);
    await ask(page, question);
    await widget(page).locator('textarea#question').fill(question);
    await widget(page).locator('textarea#question').press('Enter');
    const notice = widget(page).locator('.notice[data-state="rate-limited"]');
    await notice.waitFor({ timeout: TIMEOUT });
    assert.match(await notice.innerText(), /ask again in \d+ s/, 'the notice says when to ask again');
    assert.equal(await widget(page).locator('button[part="send"]').isDisabled(), true, 'sending waits for the limit');
  } finally {
    await context.close();
  }
}

/** Interface strings follow `lang`: a Japanese page gets a Japanese widget. */
export async function flowJapanese(browser: Browser, target: FlowTarget): Promise<void> {
  const { context, page } = await openPage(browser, target);
  try {
    await widget(page).evaluate((node) => node.setAttribute('lang', 'ja'));
    assert.equal(await widget(page).locator('.launcher').innerText(), 'ドキュメントに質問');
    await openWidget(page);
    assert.equal(await widget(page).locator('textarea#question').getAttribute('placeholder'), 'ドキュメントについて質問してください…');
    assert.equal(await widget(page).locator('button[part="close"]').getAttribute('aria-label'), 'アシスタントを閉じる');
  } finally {
    await context.close();
  }
}

/** Screenshots of the open widget on an atom page: light, dark and phone. Returns the files. */
export async function takeScreenshots(browser: Browser, target: FlowTarget, question: string, outDir: string): Promise<string[]> {
  const shots: { name: string; theme: 'light' | 'dark'; viewport: { width: number; height: number } }[] = [
    { name: 'widget-light.png', theme: 'light', viewport: { width: 1280, height: 960 } },
    { name: 'widget-dark.png', theme: 'dark', viewport: { width: 1280, height: 960 } },
    { name: 'widget-phone.png', theme: 'light', viewport: { width: 390, height: 844 } },
  ];
  const files: string[] = [];
  for (const shot of shots) {
    const { context, page } = await openPage(browser, target, { viewport: shot.viewport, colorScheme: shot.theme });
    try {
      await page.evaluate((theme) => {
        localStorage.setItem('starlight-theme', theme);
        document.documentElement.dataset.theme = theme;
      }, shot.theme);
      await openWidget(page);
      await ask(page, question);
      await page.mouse.move(0, 0);
      await page.waitForTimeout(200);
      const file = path.join(outDir, shot.name);
      await page.screenshot({ path: file });
      files.push(file);
    } finally {
      await context.close();
    }
  }
  return files;
}

/**
 * Asks two questions in a short panel: when each answer is complete, its first line is in view
 * in the conversation (not its end, and not scrolled away above).
 */
export async function flowAnswerStartsInView(browser: Browser, target: FlowTarget, questions: readonly string[]): Promise<void> {
  const { context, page } = await openPage(browser, target, { viewport: { width: 1280, height: 520 } });
  try {
    await openWidget(page);
    for (const question of questions) {
      const { answer } = await ask(page, question);
      const [log, first] = await Promise.all([widget(page).locator('.log').boundingBox(), answer.locator('.answer > :first-child').boundingBox()]);
      assert.ok(log && first, 'the log and the answer are rendered');
      assert.ok(first.y >= log.y - 1 && first.y + Math.min(first.height, 20) <= log.y + log.height + 1, `the answer's first line is in view (line at ${Math.round(first.y)}px, log ${Math.round(log.y)}-${Math.round(log.y + log.height)}px)`);
    }
  } finally {
    await context.close();
  }
}

/**
 * The launcher never sits on the page's text: it moves aside while the page scrolls down, returns
 * when it scrolls up, and at the end of the page it stands below the last line of content.
 */
export async function flowLauncherClearsContent(browser: Browser, target: FlowTarget): Promise<void> {
  const { context, page } = await openPage(browser, target, { viewport: { width: 1280, height: 400 } });
  try {
    const launcher = widget(page).locator('.launcher');
    const onScreen = async () => {
      const box = await launcher.boundingBox();
      return box !== null && box.y < 400;
    };
    await page.mouse.wheel(0, 200);
    await page.waitForFunction(() => window.scrollY > 0);
    await page.waitForTimeout(300);
    assert.equal(await onScreen(), false, 'scrolling down moves the launcher aside');
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(300);
    assert.equal(await onScreen(), true, 'scrolling up brings it back');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    const box = await launcher.boundingBox();
    assert.ok(box && box.y < 400, 'at the end of the page the launcher is shown');
    // Every text of the page (outside the widget) ends above the launcher.
    const lowest = await page.evaluate(() => {
      let bottom = 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent?.trim() === '' || node.parentElement?.closest('atom-chat')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0 && rect.right > window.innerWidth - 400) bottom = Math.max(bottom, rect.bottom);
      }
      return bottom;
    });
    assert.ok(lowest <= box!.y, `the last line of content (${Math.round(lowest)}px) ends above the launcher (${Math.round(box!.y)}px)`);
  } finally {
    await context.close();
  }
}
