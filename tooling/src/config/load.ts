/**
 * Loads `atomkit.config.yaml`: parsed, validated against `schemas/config.schema.json` with its
 * defaults filled in, environment overrides applied, paths resolved, then frozen. This is the
 * only place the environment is read for settings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { FromSchema } from 'json-schema-to-ts';
import { configSchema } from '../generated/config.schema.js';
import { validatorFor } from '../schema/validator.js';
import { explainSchemaErrors } from '../schema/explain.js';
import { LineIndex, type Position } from '../atom/position.js';
import { ATOM_TYPES } from '../atom/schema.js';

export type AtomkitConfigFile = FromSchema<typeof configSchema>;

type Filled = DeepRequired<AtomkitConfigFile>;

/** The configuration with every default filled in and every path absolute. */
export type AtomkitConfig = Omit<Filled, 'site' | 'bot'> & {
  /** Absolute project root (the folder of the config file, or the working directory); configured paths are relative to it. */
  readonly root: string;
  /** Absolute path of the config file, when there is one. */
  readonly file: string | undefined;
  readonly atoms: Filled['atoms'] & { readonly dirAbs: string; readonly interviewsAbs: string };
  /** Links that are not configured (nor derived from `repoUrl`) are not shown. */
  readonly site: Omit<Filled['site'], 'organisation' | 'repoUrl' | 'editUrl'> & {
    readonly organisation: string | undefined;
    readonly repoUrl: string | undefined;
    readonly editUrl: string | undefined;
  };
  readonly bot: Omit<Filled['bot'], 'support'> & {
    readonly support: Omit<Filled['bot']['support'], 'suggestUrl'> & { readonly suggestUrl: string | undefined };
  };
};

type DeepRequired<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { readonly [K in keyof T]-?: DeepRequired<NonNullable<T[K]>> }
    : T;

export const CONFIG_FILE = 'atomkit.config.yaml';

/** A configuration that cannot be used; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly start: Position | undefined,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Explicit config file; else the nearest `atomkit.config.yaml` in `cwd` or above it. */
  readonly file?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * @example loadConfig({ cwd: '/repo' }).atoms.dirAbs //=> '/repo/atoms'
 */
export function loadConfig(options: LoadConfigOptions = {}): AtomkitConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = options.file ? path.resolve(cwd, options.file) : findConfig(cwd);
  let data: unknown = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read the config file: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, file, undefined);
    }
    const lines = new LineIndex(text);
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    const yamlError = doc.errors[0];
    if (yamlError) {
      throw new ConfigError(`Invalid YAML: ${yamlError.message.split('\n')[0]}`, file, lines.position(yamlError.pos[0]));
    }
    data = doc.toJS() ?? {};
    const validate = validatorFor(configSchema, { useDefaults: true });
    if (!validate(data)) {
      const [problem] = explainSchemaErrors(validate.errors ?? [], configSchema, data);
      const node = problem ? (problem.atKey ? keyNode(doc, problem.path) : doc.getIn(problem.path, true)) : undefined;
      const offset = (node as { range?: [number, number] } | undefined)?.range?.[0];
      throw new ConfigError(problem?.message ?? 'Invalid configuration.', file, offset === undefined ? { line: 1, column: 1 } : lines.position(offset), problem?.hint);
    }
  } else {
    validatorFor(configSchema, { useDefaults: true })(data);
  }
  const config = data as AtomkitConfigFile & Filled;
  const root = file ? path.dirname(file) : cwd;
  applyEnv(config, env);
  const dirAbs = path.resolve(root, config.atoms.dir);
  const { organisation, repoUrl } = config.site as AtomkitConfigFile['site'] & {};
  const hosted = repoUrl ? repositoryLinks(repoUrl) : undefined;
  const resolved: AtomkitConfig = {
    ...config,
    root,
    file,
    atoms: {
      ...config.atoms,
      locales: (config.atoms as AtomkitConfigFile['atoms'] & {}).locales ?? localeFolders(dirAbs),
      dirAbs,
      interviewsAbs: path.resolve(root, config.atoms.interviews),
    },
    site: {
      ...config.site,
      title: config.site.title ?? (organisation ? `${organisation} knowledge base` : 'Knowledge base'),
      organisation,
      repoUrl,
      editUrl: config.site.editUrl ?? hosted?.editUrl,
    },
    bot: { ...config.bot, support: { ...config.bot.support, suggestUrl: config.bot.support.suggestUrl ?? hosted?.suggestUrl } },
  };
  return deepFreeze(resolved);
}

/**
 * The edit and new-issue links of a repository on GitHub or GitLab (their `main` branch); none for
 * other hosts, whose URL schemes differ.
 *
 * @example repositoryLinks('https://github.com/acme/kb').editUrl //=> 'https://github.com/acme/kb/edit/main/'
 */
export function repositoryLinks(repoUrl: string, branch = 'main'): { editUrl: string; suggestUrl: string } | undefined {
  const url = repoUrl.replace(/\/+$/, '').replace(/\.git$/, '');
  const host = /^https:\/\/(github\.com|gitlab\.com)\//.exec(url)?.[1];
  if (!host) return undefined;
  const gitlab = host === 'gitlab.com';
  return {
    editUrl: `${url}/${gitlab ? '-/edit' : 'edit'}/${branch}/`,
    suggestUrl: `${url}/${gitlab ? '-/issues/new?issue[title]' : 'issues/new?labels=atom-request&title'}={question}`,
  };
}

/** A BCP 47 language tag as atomkit takes one: `ja`, `pt-BR`. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * The locale folders of an atoms folder: top-level folders named like a language tag that are not
 * an atom type (`faq` is both) and that `Intl` knows as a language.
 *
 * @example localeFolders('/kb/atoms') //=> ['ja'] (for atoms/error, atoms/faq, atoms/ja)
 */
export function localeFolders(atomsDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(atomsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
  const known = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return names
    .filter((name) => LANGUAGE_TAG.test(name) && !(ATOM_TYPES as readonly string[]).includes(name) && known.of(name) !== undefined)
    .sort();
}

/** Resolves a configured path against the project root. */
export function projectPath(config: Pick<AtomkitConfig, 'root'>, relative: string): string {
  return path.resolve(config.root, relative);
}

/** The nearest `atomkit.config.yaml` in `cwd` or a folder above it, as markdownlint-cli2 and Vale look. */
function findConfig(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function keyNode(doc: ReturnType<typeof parseDocument>, pathParts: readonly (string | number)[]) {
  const parent = doc.getIn(pathParts.slice(0, -1), true) as { items?: { key?: { value?: unknown; range?: unknown } }[] } | undefined;
  return parent?.items?.find((pair) => pair.key?.value === pathParts.at(-1))?.key;
}

function applyEnv(config: Filled, env: NodeJS.ProcessEnv): void {
  const mutable = config as unknown as {
    index: { embedder: { modelDir?: string; allowRemote: boolean; provider: string; model: string; baseUrl?: string } };
    bot: { llm: { baseUrl?: string; models: string[] }; port: number; store: string };
    site: { base: string; url: string };
    atoms: { dir: string };
  };
  // Tests and benchmarks build fixture trees and generated corpora without a config file of their own.
  if (env.ATOMKIT_ATOMS_DIR) mutable.atoms.dir = env.ATOMKIT_ATOMS_DIR;
  // CI sets these for a GitHub project page (base `/<repo>`) without editing the config file.
  if (env.ATOMKIT_SITE_BASE) mutable.site.base = env.ATOMKIT_SITE_BASE;
  if (env.ATOMKIT_SITE_URL) mutable.site.url = env.ATOMKIT_SITE_URL;
  const embedder = mutable.index.embedder;
  if (env.ATOMKIT_MODEL_DIR) embedder.modelDir = env.ATOMKIT_MODEL_DIR;
  if (env.ATOMKIT_ALLOW_REMOTE_MODELS !== undefined) embedder.allowRemote = !/^(0|false|no|off)$/i.test(env.ATOMKIT_ALLOW_REMOTE_MODELS);
  if (env.ATOMKIT_EMBEDDER) embedder.provider = env.ATOMKIT_EMBEDDER;
  if (env.ATOMKIT_EMBEDDING_MODEL) embedder.model = env.ATOMKIT_EMBEDDING_MODEL;
  if (env.ATOMKIT_EMBEDDINGS_BASE_URL) embedder.baseUrl = env.ATOMKIT_EMBEDDINGS_BASE_URL;
  if (env.ATOMKIT_LLM_BASE_URL) mutable.bot.llm.baseUrl = env.ATOMKIT_LLM_BASE_URL;
  if (env.ATOMKIT_LLM_MODELS) mutable.bot.llm.models = env.ATOMKIT_LLM_MODELS.split(',').map((m) => m.trim()).filter(Boolean);
  // Deployments keep the database password out of the config file. The value is never echoed: it holds that password.
  if (env.ATOMKIT_DATABASE_URL) {
    if (!/^(sqlite|postgres(ql)?:\/\/.+)$/i.test(env.ATOMKIT_DATABASE_URL)) {
      throw new ConfigError('ATOMKIT_DATABASE_URL is neither `sqlite` nor a PostgreSQL connection string.', undefined, undefined, 'Set it to postgres://user:password@host:5432/database.');
    }
    mutable.bot.store = env.ATOMKIT_DATABASE_URL;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
