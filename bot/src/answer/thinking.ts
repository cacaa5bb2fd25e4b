/**
 * Removes the `<think>...</think>` blocks that reasoning models served as plain chat models
 * (DeepSeek-R1, Qwen3, QwQ on Ollama or vLLM without a reasoning parser) write before their answer.
 * A stream may split a tag across chunks, so text that could be the start of a tag is held back
 * until the next chunk tells.
 */

const OPEN = '<think>';
const CLOSE = '</think>';

export class ThinkingFilter {
  #inside = false;
  /** Text held back: it may be the start of a tag. */
  #pending = '';

  /**
   * The visible part of the text so far, given the next chunk.
   *
   * @example const f = new ThinkingFilter(); f.push('<thi') + f.push('nk>hmm</think>Hi') //=> 'Hi'
   */
  push(chunk: string): string {
    let text = this.#pending + chunk;
    this.#pending = '';
    let out = '';
    for (;;) {
      const tag = this.#inside ? CLOSE : OPEN;
      const at = text.indexOf(tag);
      if (at >= 0) {
        if (!this.#inside) out += text.slice(0, at);
        text = text.slice(at + tag.length);
        this.#inside = !this.#inside;
        continue;
      }
      const keep = partialTagLength(text, tag);
      if (!this.#inside) out += text.slice(0, text.length - keep);
      this.#pending = text.slice(text.length - keep);
      return out;
    }
  }

  /** What is left at the end: held-back text that was no tag after all (an unclosed block is dropped). */
  flush(): string {
    const rest = this.#inside ? '' : this.#pending;
    this.#pending = '';
    return rest;
  }
}

/**
 * `text` without its thinking blocks; leading blank lines left behind are trimmed.
 *
 * @example stripThinking('<think>\nThe user asks...\n</think>\n\nRun `atomkit lint`.') //=> 'Run `atomkit lint`.'
 */
export function stripThinking(text: string): string {
  const filter = new ThinkingFilter();
  return (filter.push(text) + filter.flush()).replace(/^\s+/, '');
}

/** How many characters at the end of `text` are the start of `tag`. */
function partialTagLength(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (text.endsWith(tag.slice(0, n))) return n;
  return 0;
}
