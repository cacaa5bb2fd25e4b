/**
 * Per-model request settings (`bot.llm.models` entries), shared by the chat answers, `atomkit
 * extract` and the eval judge, so one model is asked the same way everywhere. A setting that is not
 * configured is not sent: the endpoint's default applies, which is the only value reasoning models
 * accept for `temperature`.
 *
 * Endpoints refuse parameters a model does not take with a 400 naming it (OpenAI: `param:
 * "temperature"`, code `unsupported_value` or `unsupported_parameter`). Such a parameter is left
 * out for that model from then on, and the request is sent again: the model is not down.
 */
import type { AtomkitConfig } from '../../../tooling/src/config/load.js';

type ConfiguredModel = Exclude<AtomkitConfig['bot']['llm']['models'][number], string>;

/** A `bot.llm.models` entry: a name, or a name with settings (those with defaults may be left out, as in the file). */
export type ModelEntry = string | (Pick<ConfiguredModel, 'name'> & Partial<Omit<ConfiguredModel, 'name'>>);

type OutputTokensParam = 'max_tokens' | 'max_completion_tokens';

export interface ModelSettings {
  readonly name: string;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  /** @default 'max_tokens' */
  readonly outputTokensParam: OutputTokensParam;
  readonly reasoningEffort?: string;
  readonly extraBody: Readonly<Record<string, unknown>>;
  /** The model's context window in tokens, as served. */
  readonly contextTokens?: number;
  /** @default true */
  readonly stripThinking: boolean;
}

/** The fields of a request no setting may replace. */
const CORE_FIELDS = new Set(['model', 'messages', 'stream']);

/**
 * The settings of a `bot.llm.models` entry, with defaults.
 *
 * @example modelSettings('gpt-4o-mini') //=> { name: 'gpt-4o-mini', outputTokensParam: 'max_tokens', extraBody: {}, stripThinking: true }
 */
export function modelSettings(entry: ModelEntry | ModelSettings): ModelSettings {
  if (typeof entry === 'string') return { name: entry, outputTokensParam: 'max_tokens', extraBody: {}, stripThinking: true };
  return {
    name: entry.name,
    ...(entry.temperature !== undefined ? { temperature: entry.temperature } : {}),
    ...(entry.maxOutputTokens !== undefined ? { maxOutputTokens: entry.maxOutputTokens } : {}),
    outputTokensParam: entry.outputTokensParam ?? 'max_tokens',
    ...(entry.reasoningEffort !== undefined ? { reasoningEffort: entry.reasoningEffort } : {}),
    extraBody: (entry.extraBody ?? {}) as Record<string, unknown>,
    ...(entry.contextTokens !== undefined ? { contextTokens: entry.contextTokens } : {}),
    stripThinking: entry.stripThinking ?? true,
  };
}

/**
 * The request fields the settings add to `model` and `messages`, less the ones the endpoint refused
 * (`dropped`). A refused output-limit field is sent under its other name; when both were refused,
 * the limit is left out.
 *
 * @example requestFields(modelSettings({ name: 'o4-mini', maxOutputTokens: 500 }), new Set(['max_tokens'])) //=> { max_completion_tokens: 500 }
 */
export function requestFields(settings: ModelSettings, dropped: ReadonlySet<string>, stream = false): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings.extraBody)) if (!CORE_FIELDS.has(key)) fields[key] = value;
  if (settings.temperature !== undefined) fields.temperature = settings.temperature;
  if (settings.maxOutputTokens !== undefined) {
    const other: OutputTokensParam = settings.outputTokensParam === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    const param = !dropped.has(settings.outputTokensParam) ? settings.outputTokensParam : !dropped.has(other) ? other : undefined;
    if (param) fields[param] = settings.maxOutputTokens;
  }
  if (settings.reasoningEffort !== undefined) fields.reasoning_effort = settings.reasoningEffort;
  // Token usage arrives in a last chunk only when asked for.
  if (stream) fields.stream_options = { include_usage: true };
  for (const key of dropped) delete fields[key];
  return fields;
}

/**
 * The parameter a 400 says the model does not support, when it is one of `sent` (so leaving it out
 * is possible); undefined for any other error.
 */
export function unsupportedParameter(error: unknown, sent: Readonly<Record<string, unknown>>): string | undefined {
  // The shape of the `openai` package's APIError, read without loading the package (an optional peer).
  if (!(error instanceof Error) || (error as { status?: unknown }).status !== 400) return undefined;
  const { param, code } = error as { param?: unknown; code?: unknown };
  const named = typeof param === 'string' && param !== '' ? param : /unsupported (?:parameter|value)s?:? '([\w.]+)'/i.exec(error.message)?.[1];
  const field = named?.split('.')[0];
  if (field === undefined || !(field in sent) || CORE_FIELDS.has(field)) return undefined;
  return /unsupported|not supported|unrecognized|unknown|extra/i.test(`${typeof code === 'string' ? code : ''} ${error.message}`) ? field : undefined;
}

/**
 * Calls `send` with the request fields of `settings`; when the endpoint refuses one of them as
 * unsupported, adds it to `dropped` (kept by the caller, per model) and sends again without it. Each
 * field is refused at most once, so this ends.
 */
export async function sendWithSupportedFields<T>(
  settings: ModelSettings,
  dropped: Set<string>,
  send: (fields: Record<string, unknown>) => Promise<T>,
  options: { readonly stream?: boolean; readonly onDrop?: (param: string) => void } = {},
): Promise<T> {
  for (;;) {
    const fields = requestFields(settings, dropped, options.stream);
    try {
      return await send(fields);
    } catch (error) {
      const param = unsupportedParameter(error, fields);
      if (param === undefined) throw error;
      dropped.add(param);
      options.onDrop?.(param);
    }
  }
}

/** Per model: the request fields its endpoint refused, so they are not sent again. */
export class RefusedFields {
  readonly #byModel = new Map<string, Set<string>>();

  of(model: string): Set<string> {
    let set = this.#byModel.get(model);
    if (!set) this.#byModel.set(model, (set = new Set()));
    return set;
  }
}

/**
 * One line per model whose context window (`contextTokens`) cannot hold the prompt atomkit may
 * build (`maxContextTokens`) plus its reply (`maxOutputTokens`): servers such as Ollama cut such a
 * prompt from the front without an error, so the rules or atoms are lost.
 *
 * @example contextWarnings([{ name: 'llama3.1:8b', contextTokens: 4096 }], 6000).length //=> 1
 */
export function contextWarnings(models: readonly (ModelEntry | ModelSettings)[], maxContextTokens: number): string[] {
  return models.map(modelSettings).flatMap((settings) => {
    if (settings.contextTokens === undefined) return [];
    const needed = maxContextTokens + (settings.maxOutputTokens ?? 0);
    if (needed <= settings.contextTokens) return [];
    const reply = settings.maxOutputTokens !== undefined ? ` plus maxOutputTokens (${settings.maxOutputTokens})` : '';
    return [
      `model ${settings.name}: bot.llm.maxContextTokens (${maxContextTokens})${reply} does not fit its contextTokens (${settings.contextTokens}); the server may cut the prompt without an error. Lower bot.llm.maxContextTokens to at most ${Math.max(0, settings.contextTokens - (settings.maxOutputTokens ?? 0))}, or run the model with a larger context window.`,
    ];
  });
}
