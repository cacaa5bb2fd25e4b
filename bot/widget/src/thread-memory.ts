/**
 * Remembers the current thread id per chat service in localStorage, so a conversation survives
 * page navigation and reloads. Storage can be unavailable (privacy modes, sandboxed frames): then
 * the id lives for this page only, and the console says why.
 */

const PREFIX = 'atomkit-chat:thread:';

export class ThreadMemory {
  #fallback: string | undefined;
  readonly #key: string;

  /** @example new ThreadMemory(new URL('https://docs.example/')).key //=> 'atomkit-chat:thread:https://docs.example/' */
  constructor(endpoint: URL) {
    this.#key = PREFIX + endpoint.href;
  }

  get key(): string {
    return this.#key;
  }

  get(): string | undefined {
    try {
      return localStorage.getItem(this.#key) ?? undefined;
    } catch (error) {
      warnOnce(error);
      return this.#fallback;
    }
  }

  set(threadId: string | undefined): void {
    this.#fallback = threadId;
    try {
      if (threadId === undefined) localStorage.removeItem(this.#key);
      else localStorage.setItem(this.#key, threadId);
    } catch (error) {
      warnOnce(error);
    }
  }
}

let warned = false;
function warnOnce(error: unknown): void {
  if (warned) return;
  warned = true;
  console.warn('[atomkit-chat] localStorage is unavailable, so the conversation will not survive navigation:', error);
}
