/**
 * A circuit breaker per model. A model that failed in a way that says it is unwell (it hung, broke
 * off, was overloaded or down) is skipped for a cool-down, so a hanging model costs one timeout per
 * cool-down instead of one per question. When the cool-down is over, one call is let through to try
 * it again (half-open): a reply closes the breaker, another such failure starts a new cool-down.
 * State is per process: each worker of a cluster learns about a failing model on its own.
 */
import type { FailureReason } from './llm.js';

/**
 * Failures that say nothing about the model's health are left out: a refused request (4xx) and a
 * reply cut by the token limit or a content filter depend on the question, and the model did answer.
 */
const UNWELL: ReadonlySet<FailureReason> = new Set(['timeout', 'rate_limited', 'server_error', 'connection', 'malformed', 'incomplete']);

export class Cooldown {
  /** Model -> when its cool-down ends (ms since the epoch). */
  readonly #until = new Map<string, number>();
  /** Models whose one trial call after a cool-down is under way. */
  readonly #trying = new Set<string>();

  /**
   * @param ms How long a failed model is skipped; 0 never skips one.
   * @param now The clock (tests move it instead of waiting).
   */
  constructor(
    readonly ms: number,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * May `model` be called now? After its cool-down this claims the single trial call, so concurrent
   * questions keep skipping it until the trial ends.
   *
   * @example new Cooldown(60_000).admit('gpt-4o-mini') //=> true
   */
  admit(model: string): boolean {
    const until = this.#until.get(model);
    if (until === undefined) return true;
    if (this.now() < until || this.#trying.has(model)) return false;
    this.#trying.add(model);
    return true;
  }

  /** The model answered (or failed for a reason of the question's own): it is well. */
  succeeded(model: string): void {
    this.#until.delete(model);
    this.#trying.delete(model);
  }

  /** Records a failed call; an unwell model starts (or restarts) its cool-down. */
  failed(model: string, reason: FailureReason): void {
    if (!UNWELL.has(reason)) return this.succeeded(model);
    this.#trying.delete(model);
    if (this.ms > 0) this.#until.set(model, this.now() + this.ms);
  }

  /** The call ended without a verdict (the asker went away): a trial may be made by the next question. */
  abandoned(model: string): void {
    this.#trying.delete(model);
  }

  /** The models being skipped now. */
  coolingDown(): string[] {
    const now = this.now();
    return [...this.#until].filter(([model, until]) => now < until || this.#trying.has(model)).map(([model]) => model);
  }
}
