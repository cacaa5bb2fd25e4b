/**
 * One assistant message in the conversation: the thinking indicator, the answer as it streams in,
 * its sources, the "not in the atoms" notice, error states and the feedback controls. Text from
 * the service goes in through `textContent` or the sanitizing renderer; links come only from the
 * returned citations and support links, and only when they are http(s).
 */
import type { Citation, QueryResponse } from './api.js';
import { ICONS } from './icons.js';
import { renderAnswer, safeHref } from './render.js';
import { t, type Locale, type StringKey } from './strings.js';

/** What a finished answer needs to show (a live response or a message loaded from a thread). */
export interface FinishedAnswer {
  readonly messageId: string;
  readonly answer: string;
  readonly citations: readonly Citation[];
  readonly answered: boolean;
  readonly mode: 'llm' | 'extractive';
  readonly degraded: boolean;
  readonly support?: QueryResponse['support'];
}

export interface AnswerViewOptions {
  readonly locale: Locale;
  /** Base URL of the docs site: citation paths resolve against it. */
  readonly site: URL;
  /** Posts a rating; rejects when it could not be recorded. */
  readonly onFeedback: (messageId: string, rating: 'up' | 'down', comment: string | undefined) => Promise<void>;
  /** Called when a citation link is followed. */
  readonly onCitation?: (citation: Citation, event: MouseEvent) => void;
}

export class AnswerView {
  /** The `<article>` to put in the log. */
  readonly element: HTMLElement;
  readonly #options: AnswerViewOptions;
  readonly #body: HTMLElement;
  readonly #sources: HTMLElement;
  readonly #extras: HTMLElement;
  #text = '';
  #citations: readonly Citation[] = [];
  /** Links the service returned beside the answer, which its text may hold (the "suggest an atom" link). */
  #trusted: readonly string[] = [];
  #frame = 0;

  constructor(options: AnswerViewOptions) {
    this.#options = options;
    this.element = el('article', { class: 'msg assistant', part: 'message assistant-message' });
    this.element.append(el('h3', { class: 'visually-hidden' }, this.#t('assistant')));
    this.#body = el('div', { class: 'answer', part: 'answer' });
    this.#sources = el('div', { hidden: '' });
    this.#extras = el('div', { class: 'extras', hidden: '' });
    this.element.append(this.#body, this.#sources, this.#extras);
  }

  /** Shows the "thinking" state; the message is busy until it finishes or fails. */
  thinking(): void {
    this.element.setAttribute('aria-busy', 'true');
    const indicator = el('div', { class: 'thinking' });
    indicator.append(dots(), this.#t('thinking'));
    this.#body.replaceChildren(indicator);
  }

  /** Appends streamed text; rendering is batched to one pass per animation frame. */
  appendText(delta: string): void {
    this.#text += delta;
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#renderText(true);
    });
  }

  /** Drops the streamed text (the service switched to another model or to quoting). */
  resetText(): void {
    this.#cancelFrame();
    this.#text = '';
    this.thinking();
  }

  showCitations(citations: readonly Citation[]): void {
    this.#citations = citations;
    this.#renderSources();
  }

  /** Shows the complete answer (replacing anything streamed) with its notes and feedback. */
  finish(result: FinishedAnswer): void {
    this.#cancelFrame();
    this.#text = result.answer;
    this.#citations = result.citations;
    const suggest = result.support?.suggestUrl ? safeHref(result.support.suggestUrl, this.#options.site) : undefined;
    this.#trusted = !result.answered && suggest !== undefined ? [suggest] : [];
    this.element.dataset.messageId = result.messageId;
    this.#renderText(false);
    this.#renderSources();
    const extras: HTMLElement[] = [];
    if (!result.answered) this.#showNotAnswered(result.support);
    // An extractive answer says so in its own last line; a fallback after a failed model does not.
    else if (result.degraded) extras.push(note(this.#t('degraded')));
    extras.push(this.#feedback(result.messageId));
    this.#extras.replaceChildren(...extras);
    this.#extras.hidden = false;
    this.element.removeAttribute('aria-busy');
  }

  /** Replaces the message with an error notice; `retry` re-asks the question. */
  fail(message: string, retry?: () => void): HTMLElement {
    this.#cancelFrame();
    const notice = el('div', { class: 'notice error', part: 'notice error' });
    notice.append(el('p', {}, message));
    if (retry) notice.append(button('retry', this.#t('retry'), retry));
    this.#body.replaceChildren(notice);
    this.#sources.hidden = true;
    this.#extras.hidden = true;
    this.element.removeAttribute('aria-busy');
    return notice;
  }

  #renderText(streaming: boolean): void {
    const fragment = renderAnswer(this.#text, this.#citations, this.#options.site, this.#trusted);
    this.#body.replaceChildren(fragment);
    this.#body.classList.toggle('caret', streaming);
  }

  #renderSources(): void {
    const { site } = this.#options;
    const items = this.#citations.flatMap((citation) => {
      const href = safeHref(citation.url, site);
      if (href === undefined) return [];
      const link = el('a', { class: 'source', part: 'citation', href });
      const label = el('span', { class: 'label' }, citation.title);
      if (citation.section) label.append(el('span', { class: 'section' }, ` › ${citation.section}`));
      link.append(el('span', { class: 'n', 'aria-hidden': 'true' }, String(citation.n)), label);
      if (citation.snippet) link.append(el('span', { class: 'snippet' }, citation.snippet));
      link.addEventListener('click', (event) => this.#options.onCitation?.(citation, event));
      const item = el('li');
      item.append(link);
      return [item];
    });
    if (items.length === 0) {
      this.#sources.hidden = true;
      return;
    }
    const list = el('ol');
    list.append(...items);
    const nav = el('nav', { class: 'sources', part: 'citations', 'aria-label': this.#t('sources') });
    nav.append(el('h3', { 'aria-hidden': 'true' }, this.#t('sources')), list);
    this.#sources.replaceChildren(nav);
    this.#sources.hidden = false;
  }

  /**
   * "Not in the atoms": the service's explanation goes in a notice box; its support contact and
   * "suggest an atom" link are added when the explanation does not already carry them.
   */
  #showNotAnswered(support: FinishedAnswer['support']): void {
    const notice = el('div', { class: 'notice', part: 'notice not-answered' });
    const explanation = [...this.#body.childNodes];
    notice.append(el('p', {}, el('strong', {}, this.#t('notAnswered'))), ...explanation);
    const text = notice.textContent ?? '';
    if (support?.contact && !text.includes(support.contact)) {
      notice.append(el('p', {}, t(this.#options.locale, 'contact', { contact: support.contact })));
    }
    const suggest = support?.suggestUrl ? safeHref(support.suggestUrl, this.#options.site) : undefined;
    const links = [...notice.querySelectorAll('a')];
    for (const link of links) if (link.href === suggest) link.setAttribute('part', 'suggest');
    if (suggest !== undefined && !links.some((link) => link.href === suggest)) {
      notice.append(el('p', {}, el('a', { href: suggest, rel: 'noopener noreferrer', part: 'suggest' }, this.#t('suggest'))));
    }
    this.#body.replaceChildren(notice);
  }

  #feedback(messageId: string): HTMLElement {
    const bar = el('div', { class: 'feedback', part: 'feedback', role: 'group', 'aria-label': `${this.#t('helpful')} / ${this.#t('notHelpful')}` });
    const up = button('tool', '', () => choose('up'), { 'aria-pressed': 'false', 'aria-label': this.#t('helpful'), title: this.#t('helpful'), 'data-rating': 'up' });
    const down = button('tool', '', () => choose('down'), { 'aria-pressed': 'false', 'aria-label': this.#t('notHelpful'), title: this.#t('notHelpful'), 'data-rating': 'down' });
    up.innerHTML = ICONS.up;
    down.innerHTML = ICONS.down;
    const message = el('span', { class: 'feedback-status', role: 'status' });
    bar.append(up, down, message);

    const post = async (rating: 'up' | 'down', comment: string | undefined): Promise<boolean> => {
      try {
        await this.#options.onFeedback(messageId, rating, comment);
        message.className = 'feedback-status thanks';
        message.textContent = this.#t('feedbackThanks');
        return true;
      } catch {
        message.className = 'feedback-status';
        message.textContent = this.#t('feedbackFailed');
        return false;
      }
    };
    const press = (rating: 'up' | 'down'): void => {
      up.setAttribute('aria-pressed', String(rating === 'up'));
      down.setAttribute('aria-pressed', String(rating === 'down'));
    };
    const choose = (rating: 'up' | 'down'): void => {
      bar.querySelector('.comment')?.remove();
      press(rating);
      message.textContent = '';
      if (rating === 'up') {
        void post('up', undefined);
        return;
      }
      // A thumbs-down asks why, once: the rating is posted with the comment, or without on "Skip".
      const form = el('form', { class: 'comment', part: 'feedback-comment' });
      const id = `comment-${messageId}`;
      const label = el('label', { for: id }, this.#t('feedbackPrompt'));
      const area = el('textarea', { id, rows: '3', maxlength: '2000' }) as HTMLTextAreaElement;
      const skip = button('secondary', this.#t('feedbackSkip'), () => submit(undefined));
      const sendButton = el('button', { class: 'primary', type: 'submit' }, this.#t('feedbackSend'));
      const actions = el('div', { class: 'actions' });
      actions.append(skip, sendButton);
      form.append(label, area, actions);
      const submit = async (comment: string | undefined): Promise<void> => {
        skip.disabled = sendButton.disabled = true;
        if (await post('down', comment)) {
          form.remove();
          down.focus();
        } else {
          skip.disabled = sendButton.disabled = false;
        }
      };
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const comment = area.value.trim();
        void submit(comment === '' ? undefined : comment);
      });
      bar.append(form);
      area.focus();
    };
    return bar;
  }

  #cancelFrame(): void {
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  #t(key: StringKey): string {
    return t(this.#options.locale, key);
  }
}

/** A user's question in the conversation. */
export function userMessage(locale: Locale, text: string): HTMLElement {
  const article = el('article', { class: 'msg user', part: 'message user-message' });
  article.append(el('h3', { class: 'visually-hidden' }, t(locale, 'you')), el('div', { class: 'bubble' }, text));
  return article;
}

function note(text: string): HTMLElement {
  const p = el('p', { class: 'note', part: 'note' });
  p.innerHTML = ICONS.info;
  p.append(el('span', {}, text));
  return p;
}

function dots(): HTMLElement {
  const span = el('span', { class: 'dots', 'aria-hidden': 'true' });
  span.append(el('i'), el('i'), el('i'));
  return span;
}

function button(className: string, text: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { class: className, type: 'button', ...attributes }, text) as HTMLButtonElement;
  b.addEventListener('click', onClick);
  return b;
}

/** Creates an element; children that are strings become text nodes, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (string | Node)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
