/**
 * Words people ask with and the words software documentation uses for the same thing: "dump the
 * chats" is an export, "exclude a folder" is an ignore setting, "completely remove" is uninstall.
 * General vocabulary of software documentation, as the Japanese glossary is, not any knowledge
 * base's own words; a question's word is searched in these forms too, counting less than the word
 * as written.
 */

/** Everyday words and the documentation words for them (before stemming). */
const SYNONYMS: Readonly<Record<string, string>> = {
  dump: 'export',
  remove: 'uninstall delete',
  erase: 'delete remove',
  wipe: 'delete remove',
  exclude: 'ignore',
  skip: 'ignore',
  omit: 'ignore exclude',
  forbid: 'block deny disallow',
  prevent: 'block disallow',
  restrict: 'filter limit',
  forward: 'proxy',
  throttle: 'rate limit',
  quota: 'limit',
  slow: 'performance',
  speed: 'performance',
  crash: 'error fail',
  broken: 'error fail',
  translate: 'translation locale',
  login: 'authentication auth',
  password: 'secret credential',
  credentials: 'secret token',
  upgrade: 'update migrate',
  migrate: 'upgrade migration',
  setup: 'install configure',
  settings: 'config option',
  flag: 'option',
  folder: 'directory dir',
  directory: 'folder',
  picture: 'image',
  photo: 'image',
  execute: 'run',
  launch: 'start run',
  display: 'show',
  verify: 'check',
  validate: 'check lint',
  mistake: 'error',
  bug: 'error issue',
  solve: 'fix resolve',
  share: 'expose public',
  lan: 'host network',
  wifi: 'host network',
  monorepo: 'workspace',
  persist: 'store save',
  save: 'store',
  reload: 'restart refresh',
  refresh: 'reload',
  stuck: 'hang stall timeout',
  freeze: 'hang',
  frozen: 'hang',
  outdated: 'stale',
  legacy: 'old',
  permission: 'access',
  hide: 'redact mask',
  mask: 'redact',
  censor: 'redact',
  environment: 'env',
  certificate: 'tls https',
  ssl: 'tls',
  dedupe: 'duplicate',
  empty: 'blank',
  memory: 'ram',
  disk: 'storage space',
  // Abbreviations people type for the words documentation spells out.
  env: 'environment',
  vars: 'variables',
  var: 'variable',
  repo: 'repository',
  docs: 'documentation',
  config: 'configuration',
  auth: 'authentication',
  db: 'database',
  deps: 'dependencies',
  dep: 'dependency',
  prod: 'production',
  msg: 'message',
  pkg: 'package',
  args: 'arguments',
  params: 'parameters',
  perf: 'performance',
  mandatory: 'required',
  compulsory: 'required',
  obligatory: 'required',
  necessary: 'required',
};

/** Phrases of several words that documentation says in one (the phrase's own words stay). */
export const SYNONYM_PHRASES: readonly [RegExp, string][] = [
  [/\b(token|word) by (token|word)\b|\bas (it is|it's) (generated|written)\b/gi, 'stream'],
  [/\b(turn|switch) off\b/gi, 'disable'],
  [/\b(turn|switch) on\b/gi, 'enable'],
  [/\b(go|goes|went|is|are) down\b/gi, 'unavailable'],
  [/\bget rid of\b/gi, 'remove'],
  [/\bfall(s|en|ing)? behind\b|\bout of date\b/gi, 'outdated stale'],
  [/\b(log|sign) in\b/gi, 'login'],
  // Written apart in questions, as one word in docs and config keys.
  [/\bfront matter\b/gi, 'frontmatter'],
  [/\block files?\b/gi, 'lockfile'],
  [/\bwi-fi\b/gi, 'wifi host network'],
  [/\bset(ting)? up\b/gi, 'setup'],
  // What an assistant or a search says when it has no answer.
  [/\b(i|it|we|they) (don'?t|do not|doesn'?t|does not) know\b|\bno idea\b|\b(can'?t|cannot|couldn'?t) find (anything|a thing)\b|\b(has|have|got) nothing (on|about)\b/gi, 'not covered refuse unanswered'],
];

/**
 * The documentation words for an everyday word, as search terms; none when it has none.
 *
 * @example synonymsFor('dump', tokenize) //=> ['export']
 */
export function synonymsFor(term: string, tokenize: (text: string) => string[]): readonly string[] {
  byTerm ??= new Map(Object.entries(SYNONYMS).map(([word, docs]) => [tokenize(word)[0]!, tokenize(docs)]));
  return byTerm.get(term) ?? [];
}

let byTerm: Map<string, string[]> | undefined;
