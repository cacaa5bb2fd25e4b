/**
 * `<atom-chat>`: the documentation assistant as one framework-free custom element. A launcher
 * button opens a panel where questions are answered from the knowledge atoms, streamed in, with
 * links to the atom pages they came from.
 *
 * ```html
 * <script type="module" src="https://docs.example.org/widget/atom-chat.js"></script>
 * <atom-chat endpoint="https://docs.example.org/"></atom-chat>
 * ```
 *
 * Attributes:
 * - `endpoint`: base URL of the chat service (`<endpoint>api/query` ...). Default: the service
 *   that served this script (the script lives at `<endpoint>widget/atom-chat.js`).
 * - `site`: base URL that citation paths resolve against. Default: `endpoint`.
 * - `lang`: `en` or `ja` for the interface strings. Default: the nearest `lang` (usually `<html lang>`).
 * - `open`: present while the panel is open; set or remove it to open or close the panel.
 *
 * The thread id is kept in localStorage (one per endpoint), so the conversation survives
 * navigation; "New conversation" forgets it. Colours follow Starlight's `--sl-color-*` properties
 * and `<html data-theme>`, else `prefers-color-scheme`.
 *
 * @fires atom-chat-open - The panel opened.
 * @fires atom-chat-close - The panel closed.
 * @fires atom-chat-answer - An answer is complete; `detail` is the service's response.
 * @fires atom-chat-error - A question failed; `detail` is `{kind, code, message, retryAfter}`.
 * @fires atom-chat-feedback - Feedback was recorded; `detail` is `{messageId, rating, comment}`.
 * @fires atom-chat-clear - The conversation was cleared.
 *
 * @csspart launcher - The button that opens the panel.
 * @csspart panel - The chat panel (a non-modal dialog; full screen on narrow viewports).
 * @csspart header - The panel's title bar.
 * @csspart clear - The "New conversation" button.
 * @csspart close - The close button.
 * @csspart log - The conversation.
 * @csspart message - Every message; also `user-message` or `assistant-message`.
 * @csspart answer - The rendered answer text.
 * @csspart citations - The list of sources under an answer.
 * @csspart citation - One source link.
 * @csspart citation-marker - A `[n]` marker in the answer, linked to its source.
 * @csspart note - The "quoted from the atoms" note.
 * @csspart notice - A notice: also `not-answered` or `error`.
 * @csspart suggest - The "Suggest an atom" link.
 * @csspart feedback - The thumbs up/down bar.
 * @csspart feedback-comment - The optional comment form after a thumbs-down.
 * @csspart status - The live status line (thinking, rate limits).
 * @csspart form - The question form.
 * @csspart input - The question field.
 * @csspart send - The send button.
 */
import { ask, ChatError, loadThread, sendFeedback, type QueryResponse } from './api.js';
import { AnswerView, el, userMessage } from './answer-view.js';
import { ICONS } from './icons.js';
import { pickLocale, t, type Locale, type StringKey } from './strings.js';
import STYLES from './atom-chat.css';
import { ThreadMemory } from './thread-memory.js';

const LOG = '[atomkit-chat]';
/**
 * Launcher and panel are manual popovers where the browser has them: the top layer is above every
 * stacking context of the host page (Starlight's main pane isolates its own, so a z-index from
 * inside the page footer would lose to the table of contents).
 */
const POPOVER = typeof HTMLElement !== 'undefined' && Object.hasOwn(HTMLElement.prototype, 'popover');
/** At or below this width the panel covers the screen and keeps focus inside it. */
const NARROW = '(max-width: 40rem)';

const TEMPLATE = `
<div class="root" data-ref="root">
  <button type="button" class="launcher" part="launcher" data-ref="launcher" aria-haspopup="dialog" aria-expanded="false" aria-controls="panel">
    ${ICONS.chat}<span data-text="launcher"></span>
  </button>
  <section class="panel" part="panel" id="panel" role="dialog" aria-modal="false" aria-labelledby="title" data-ref="panel" hidden>
    <header class="header" part="header">
      <div class="heading">
        <h2 class="title" id="title" data-text="title"></h2>
        <p class="subtitle" data-text="subtitle"></p>
      </div>
      <button type="button" class="tool" part="clear" data-ref="clear" data-title="clearLabel">${ICONS.clear}<span class="visually-hidden" data-text="clear"></span></button>
      <button type="button" class="tool" part="close" data-ref="close" data-label="close" data-title="close">${ICONS.close}</button>
    </header>
    <div class="log" part="log" role="log" aria-live="polite" data-ref="log" data-label="title" tabindex="-1">
      <p class="empty" data-ref="empty">${ICONS.chat}<span data-text="empty"></span></p>
    </div>
    <div class="status" part="status" role="status" data-ref="status"></div>
    <form class="form" part="form" data-ref="form">
      <label class="visually-hidden" for="question" data-text="inputLabel"></label>
      <textarea id="question" part="input" rows="1" data-ref="input" data-placeholder="placeholder" enterkeyhint="send"></textarea>
      <button type="submit" class="primary send" part="send" data-ref="send">${ICONS.send}<span class="visually-hidden" data-text="send"></span></button>
    </form>
  </section>
</div>`;

type Ref = 'root' | 'launcher' | 'panel' | 'clear' | 'close' | 'log' | 'empty' | 'status' | 'form' | 'input' | 'send';

export class AtomChatElement extends HTMLElement {
  static readonly observedAttributes = ['endpoint', 'site', 'lang', 'open'];

  readonly #shadow: ShadowRoot;
  readonly #refs: Record<Ref, HTMLElement>;
  #memory: ThreadMemory | undefined;
  #threadId: string | undefined;
  /** Whether this page has asked the service for the remembered thread yet. */
  #restored = false;
  /** Bumped by every request and by "clear": a reply whose number is old is dropped. */
  #seq = 0;
  #controller: AbortController | undefined;
  #busy = false;
  /** Whether the panel is showing (the `open` attribute is what is wanted). */
  #shown = false;
  #blockedUntil = 0;
  #countdown: ReturnType<typeof setInterval> | undefined;
  #themeObserver: MutationObserver | undefined;
  #colorSchemeListener: AbortController | undefined;
  #scrollListener: AbortController | undefined;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLES;
    const template = document.createElement('template');
    template.innerHTML = TEMPLATE;
    this.#shadow.append(style, template.content);
    const refs = {} as Record<Ref, HTMLElement>;
    for (const node of this.#shadow.querySelectorAll<HTMLElement>('[data-ref]')) refs[node.dataset.ref as Ref] = node;
    this.#refs = refs;

    refs.launcher.addEventListener('click', () => this.show());
    refs.close.addEventListener('click', () => this.hide());
    refs.clear.addEventListener('click', () => this.clear());
    refs.panel.addEventListener('keydown', (event) => this.#onPanelKey(event));
    refs.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    const input = this.#input;
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#submit();
      }
    });
    input.addEventListener('input', () => this.#fitInput());
  }

  connectedCallback(): void {
    this.#applyStrings();
    this.#followTheme();
    if (POPOVER) {
      this.#refs.launcher.popover = 'manual';
      this.#refs.panel.popover = 'manual';
      this.#refs.panel.hidden = false;
      this.#refs.launcher.showPopover();
    }
    this.#shown = false;
    this.#syncOpen();
    this.#moveAsideOnScroll();
  }

  /**
   * The launcher never sits on what the reader is reading: it slides aside while the page scrolls
   * down, comes back when it scrolls up, and at the end of the page it stands in the space the
   * element reserves there (its own block size), below the last line of content.
   */
  #moveAsideOnScroll(): void {
    this.#scrollListener?.abort();
    this.#scrollListener = new AbortController();
    let last = window.scrollY;
    const update = (): void => {
      const y = window.scrollY;
      const end = document.documentElement.scrollHeight - window.innerHeight;
      const atEnd = y >= end - this.#refs.launcher.offsetHeight - 24;
      const down = y > last + 4;
      const up = y < last - 4;
      if (atEnd || up || y <= 0) delete this.#refs.launcher.dataset.aside;
      else if (down) this.#refs.launcher.dataset.aside = '';
      if (down || up) last = y;
    };
    window.addEventListener('scroll', update, { passive: true, signal: this.#scrollListener.signal });
  }

  disconnectedCallback(): void {
    this.#themeObserver?.disconnect();
    this.#themeObserver = undefined;
    this.#colorSchemeListener?.abort();
    this.#colorSchemeListener = undefined;
    this.#scrollListener?.abort();
    this.#scrollListener = undefined;
    this.#controller?.abort();
    if (this.#countdown !== undefined) clearInterval(this.#countdown);
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    if (oldValue === newValue) return;
    if (name === 'open') this.#syncOpen();
    else if (name === 'lang') this.#applyStrings();
    else if (name === 'endpoint') {
      // Another service means another thread.
      this.#memory = undefined;
      this.#threadId = undefined;
      this.#restored = false;
    }
  }

  /** The chat service's base URL. */
  get endpoint(): URL {
    const attribute = this.getAttribute('endpoint');
    try {
      if (attribute !== null && attribute.trim() !== '') return withSlash(new URL(attribute, document.baseURI));
    } catch {
      console.warn(LOG, `endpoint "${attribute}" is not a URL; using the script's own origin`);
    }
    return new URL('../', import.meta.url);
  }

  /** The docs site's base URL, for citation links. */
  get site(): URL {
    const attribute = this.getAttribute('site');
    try {
      if (attribute !== null && attribute.trim() !== '') return withSlash(new URL(attribute, document.baseURI));
    } catch {
      console.warn(LOG, `site "${attribute}" is not a URL; using the endpoint`);
    }
    return this.endpoint;
  }

  /** The interface language. */
  get locale(): Locale {
    const own = this.getAttribute('lang');
    return pickLocale(own ?? this.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  }

  get open(): boolean {
    return this.hasAttribute('open');
  }

  set open(value: boolean) {
    this.toggleAttribute('open', value);
  }

  /** Opens the panel and moves focus into it. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel; focus returns to the launcher. */
  hide(): void {
    this.open = false;
  }

  /** Asks a question as if it had been typed. */
  ask(question: string): void {
    this.#input.value = question;
    this.#submit();
  }

  /** Forgets the conversation (here and in storage) and starts a new one. */
  clear(): void {
    this.#seq += 1;
    this.#controller?.abort();
    this.#setBusy(false);
    this.#threadId = undefined;
    this.#restored = true;
    this.#threadMemory.set(undefined);
    this.#refs.log.replaceChildren(this.#refs.empty);
    this.#refs.status.textContent = '';
    this.#emit('atom-chat-clear', {});
    this.#input.focus();
  }

  get #input(): HTMLTextAreaElement {
    return this.#refs.input as HTMLTextAreaElement;
  }

  get #threadMemory(): ThreadMemory {
    this.#memory ??= new ThreadMemory(this.endpoint);
    return this.#memory;
  }

  #syncOpen(): void {
    const { launcher, panel } = this.#refs;
    const open = this.open;
    if (this.#shown === open || !this.isConnected) return;
    this.#shown = open;
    if (!POPOVER) panel.hidden = !open;
    else if (open) panel.showPopover();
    else panel.hidePopover();
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      this.#input.focus();
      this.#restoreThread();
      this.#emit('atom-chat-open', {});
    } else {
      if (this.#shadow.activeElement === null || panel.contains(this.#shadow.activeElement)) launcher.focus();
      this.#emit('atom-chat-close', {});
    }
  }

  #onPanelKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.hide();
      return;
    }
    // On a narrow screen the panel covers the page, so Tab cycles inside it.
    if (event.key !== 'Tab' || !matchMedia(NARROW).matches) return;
    const focusable = [...this.#refs.panel.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), textarea, [tabindex="0"]')].filter(
      (node) => node.offsetParent !== null,
    );
    const first = focusable[0];
    const last = focusable.at(-1);
    const active = this.#shadow.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  #submit(): void {
    const question = this.#input.value.trim();
    if (question === '' || this.#busy || Date.now() < this.#blockedUntil) return;
    this.#input.value = '';
    this.#fitInput();
    const asked = userMessage(this.locale, question);
    this.#append(asked);
    void this.#query(question);
    // The question goes to the top of the log and the answer is read from its start, so the log
    // does not follow the stream to its end.
    this.#refs.log.scrollTop = asked.offsetTop - this.#refs.log.offsetTop - 16;
  }

  async #query(question: string, retried = false): Promise<void> {
    const seq = ++this.#seq;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const view = this.#answerView();
    view.thinking();
    this.#append(view.element);
    this.#setBusy(true);
    this.#refs.status.textContent = this.#t('thinking');
    const current = (): boolean => seq === this.#seq;
    try {
      const response = await ask(
        { endpoint: this.endpoint, signal: controller.signal },
        { question, ...(this.#threadId ? { threadId: this.#threadId } : {}) },
        {
          onToken: (delta) => {
            if (!current()) return;
            this.#refs.status.textContent = '';
            view.appendText(delta);
          },
          onReset: () => {
            if (current()) view.resetText();
          },
          onCitations: (citations) => {
            if (current()) view.showCitations(citations);
          },
        },
      );
      if (!current()) return;
      this.#threadId = response.threadId;
      this.#restored = true;
      this.#threadMemory.set(response.threadId);
      view.finish(response);
      this.#showStart(view.element);
      this.#refs.status.textContent = '';
      this.#emit('atom-chat-answer', response);
    } catch (error) {
      if (!current() || controller.signal.aborted) return;
      if (error instanceof ChatError && error.code === 'ATOMKIT_ERR_THREAD_NOT_FOUND' && !retried) {
        // The service forgot the thread (a new database): start a new one with this question.
        view.element.remove();
        this.#threadId = undefined;
        this.#threadMemory.set(undefined);
        this.#setBusy(false);
        return this.#query(question, true);
      }
      this.#showError(error, view, question);
    } finally {
      if (current()) this.#setBusy(false);
    }
  }

  #showError(error: unknown, view: AnswerView, question: string): void {
    const failure = error instanceof ChatError ? error : new ChatError('unreachable', String(error));
    if (!(error instanceof ChatError)) console.error(LOG, 'unexpected failure', error);
    this.#emit('atom-chat-error', { kind: failure.kind, code: failure.code, message: failure.message, retryAfter: failure.retryAfter });
    const retry = (): void => {
      view.element.remove();
      void this.#query(question);
    };
    if (failure.kind === 'unreachable') {
      view.fail(this.#t('unreachable'), retry);
      this.#refs.status.textContent = this.#t('unreachable');
    } else if (failure.kind === 'rate-limited') {
      this.#rateLimited(view, failure.retryAfter ?? 60, retry);
    } else {
      view.fail(t(this.locale, 'failed', { message: failure.message }));
      this.#refs.status.textContent = '';
    }
    this.#scrollToEnd();
  }

  /** Shows the wait, counts it down, and offers "try again" when it is over. */
  #rateLimited(view: AnswerView, seconds: number, retry: () => void): void {
    this.#blockedUntil = Date.now() + seconds * 1000;
    const notice = view.fail(t(this.locale, 'rateLimited', { seconds }));
    notice.classList.remove('error');
    notice.dataset.state = 'rate-limited';
    const line = notice.querySelector('p');
    // The countdown updates every second; only its first and last sentences are announced.
    notice.setAttribute('aria-live', 'off');
    this.#refs.status.textContent = t(this.locale, 'rateLimited', { seconds });
    this.#refs.send.toggleAttribute('disabled', true);
    if (this.#countdown !== undefined) clearInterval(this.#countdown);
    this.#countdown = setInterval(() => {
      const left = Math.ceil((this.#blockedUntil - Date.now()) / 1000);
      if (left > 0) {
        if (line) line.textContent = t(this.locale, 'rateLimited', { seconds: left });
        return;
      }
      clearInterval(this.#countdown);
      this.#countdown = undefined;
      if (line) line.textContent = this.#t('rateLimitedReady');
      this.#refs.status.textContent = this.#t('rateLimitedReady');
      const again = el('button', { type: 'button', class: 'retry' }, this.#t('retry'));
      again.addEventListener('click', retry);
      notice.append(again);
      this.#setBusy(this.#busy);
    }, 1000);
  }

  #restoreThread(): void {
    if (this.#restored) return;
    this.#restored = true;
    const threadId = this.#threadMemory.get();
    if (threadId === undefined) return;
    this.#threadId = threadId;
    const seq = this.#seq;
    loadThread({ endpoint: this.endpoint }, threadId).then(
      (thread) => {
        if (seq !== this.#seq) return;
        if (thread === undefined) {
          this.#threadId = undefined;
          this.#threadMemory.set(undefined);
          return;
        }
        for (const message of thread.messages) {
          if (message.role === 'user') {
            this.#append(userMessage(this.locale, message.content));
            continue;
          }
          const view = this.#answerView();
          view.finish({
            messageId: message.id,
            answer: message.content,
            citations: message.citations ?? [],
            answered: message.answered !== false,
            mode: message.mode ?? 'extractive',
            degraded: message.degraded === true,
          });
          this.#append(view.element);
        }
        this.#scrollToEnd();
      },
      (error: unknown) => {
        if (seq !== this.#seq) return;
        console.warn(LOG, 'could not load the conversation', error);
        this.#refs.status.textContent = this.#t('restoreFailed');
      },
    );
  }

  #answerView(): AnswerView {
    return new AnswerView({
      locale: this.locale,
      site: this.site,
      onFeedback: async (messageId, rating, comment) => {
        try {
          await sendFeedback({ endpoint: this.endpoint }, { messageId, rating, ...(comment ? { comment } : {}) });
        } catch (error) {
          console.warn(LOG, 'feedback was not recorded', error);
          throw error;
        }
        this.#emit('atom-chat-feedback', { messageId, rating, comment });
      },
      onCitation: (_citation, event) => {
        // A plain click navigates this tab: close the panel so the cited section is visible.
        if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) this.open = false;
      },
    });
  }

  #append(node: HTMLElement): void {
    this.#refs.empty.remove();
    this.#refs.log.append(node);
    this.#scrollToEnd();
  }

  /**
   * Scrolls the log so a new answer's first line is in view: the question and the answer's start
   * when both fit, the answer's start otherwise. A reader who scrolled elsewhere meanwhile keeps
   * their place only if the answer's start is already visible.
   */
  #showStart(answer: HTMLElement): void {
    const { log } = this.#refs;
    const top = answer.offsetTop - log.offsetTop;
    const question = answer.previousElementSibling instanceof HTMLElement ? answer.previousElementSibling.offsetTop - log.offsetTop : top;
    const firstLine = 48;
    if (top >= log.scrollTop && top + firstLine <= log.scrollTop + log.clientHeight) return;
    log.scrollTop = top - question + firstLine <= log.clientHeight ? question - 16 : top - 8;
  }

  #scrollToEnd(): void {
    const { log } = this.#refs;
    log.scrollTop = log.scrollHeight;
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    const blocked = Date.now() < this.#blockedUntil;
    this.#refs.send.toggleAttribute('disabled', busy || blocked);
    this.#refs.log.setAttribute('aria-busy', String(busy));
  }

  #fitInput(): void {
    const input = this.#input;
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight + 2}px`;
  }

  #applyStrings(): void {
    for (const node of this.#shadow.querySelectorAll<HTMLElement>('[data-text]')) node.textContent = this.#t(node.dataset.text as StringKey);
    for (const node of this.#shadow.querySelectorAll<HTMLElement>('[data-label]')) node.setAttribute('aria-label', this.#t(node.dataset.label as StringKey));
    for (const node of this.#shadow.querySelectorAll<HTMLElement>('[data-title]')) node.title = this.#t(node.dataset.title as StringKey);
    for (const node of this.#shadow.querySelectorAll<HTMLElement>('[data-placeholder]')) {
      node.setAttribute('placeholder', this.#t(node.dataset.placeholder as StringKey));
    }
    this.#refs.root.lang = this.locale;
  }

  /**
   * Mirrors `<html data-theme>` (Starlight's resolved theme); on pages without it, the OS colour
   * scheme. The panel's CSS then holds each palette once, keyed by `data-theme`.
   */
  #followTheme(): void {
    const html = document.documentElement;
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      const theme = html.dataset.theme;
      this.#refs.root.dataset.theme = theme === 'light' || theme === 'dark' ? theme : dark.matches ? 'dark' : 'light';
    };
    apply();
    this.#themeObserver?.disconnect();
    this.#themeObserver = new MutationObserver(apply);
    this.#themeObserver.observe(html, { attributes: true, attributeFilter: ['data-theme'] });
    this.#colorSchemeListener?.abort();
    this.#colorSchemeListener = new AbortController();
    dark.addEventListener('change', apply, { signal: this.#colorSchemeListener.signal });
  }

  #emit(type: keyof AtomChatEventMap, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #t(key: StringKey): string {
    return t(this.locale, key);
  }
}

/** Events `<atom-chat>` dispatches (they bubble and cross shadow roots). */
export interface AtomChatEventMap {
  'atom-chat-open': CustomEvent<Record<string, never>>;
  'atom-chat-close': CustomEvent<Record<string, never>>;
  'atom-chat-answer': CustomEvent<QueryResponse>;
  'atom-chat-error': CustomEvent<{ kind: ChatError['kind']; code: string | undefined; message: string; retryAfter: number | undefined }>;
  'atom-chat-feedback': CustomEvent<{ messageId: string; rating: 'up' | 'down'; comment: string | undefined }>;
  'atom-chat-clear': CustomEvent<Record<string, never>>;
}

function withSlash(url: URL): URL {
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

declare global {
  interface HTMLElementTagNameMap {
    'atom-chat': AtomChatElement;
  }
  interface HTMLElementEventMap extends AtomChatEventMap {}
}

if (!customElements.get('atom-chat')) customElements.define('atom-chat', AtomChatElement);

