/**
 * `atomkit init [dir]`: scaffolds a knowledge base the way `npm create astro` scaffolds a site.
 * Asks a few questions (each with a default; `--yes` or a non-interactive run takes them all),
 * refuses to overwrite any file, then says how to start.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../cli/io.js';
import { StudioError } from '../studio/errors.js';
import { defaultAnswers, splitLanguages, validate, type InitAnswers } from './answers.js';
import { existingFiles, packageNameFor, scaffoldFiles, writeScaffold } from './scaffold.js';

export interface InitOptions {
  readonly yes?: boolean;
  readonly organisation?: string;
  readonly siteUrl?: string;
  readonly repoUrl?: string;
  readonly contact?: string;
  readonly languages?: string;
  readonly json?: boolean;
  /** Whether questions can be asked (stdin and stdout are a terminal). */
  readonly interactive: boolean;
}

export async function runInit(dirArgument: string | undefined, options: InitOptions, cwd: string, io: CliIo): Promise<number> {
  const dir = path.resolve(cwd, dirArgument ?? '.');
  const given = givenAnswers(options);
  const answers = options.yes || !options.interactive ? defaultAnswers(dir, given) : await ask(dir, given);
  if (!answers) return 1;

  const files = scaffoldFiles(answers, packageNameFor(dir));
  const inTheWay = existingFiles(dir, files);
  if (inTheWay.length > 0) {
    throw new StudioError(
      `${path.relative(cwd, dir) || '.'} already has ${inTheWay.length === 1 ? 'a file' : 'files'} atomkit init would write: ${inTheWay.slice(0, 5).join(', ')}${inTheWay.length > 5 ? ', …' : ''}. Nothing was written.`,
      1,
      'Run it in a new or empty folder (`npx atomkit init my-kb`), or move those files away.',
    );
  }
  mkdirSync(dir, { recursive: true });
  writeScaffold(dir, files);

  const shown = path.relative(cwd, dir);
  if (options.json) {
    io.stdout(`${JSON.stringify({ dir, answers, files: files.map((file) => file.path) }, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${io.colors.green('✓')} ${answers.organisation} knowledge base created in ${shown || '.'} (${files.length} files)\n\n`);
  io.stdout('Next:\n');
  if (shown) io.stdout(`  cd ${shown}\n`);
  io.stdout('  npm install\n  npm start        # lint, index, build and serve the site with its chat widget\n\n');
  io.stdout('The example atoms in atoms/ and the example interview show the format: read them, then replace them with your own.\n');
  return 0;
}

/** Answers given as options, checked like typed ones. */
function givenAnswers(options: InitOptions): Partial<InitAnswers> {
  const given: Partial<Record<keyof InitAnswers, string>> = {
    organisation: options.organisation,
    siteUrl: options.siteUrl,
    repoUrl: options.repoUrl,
    contact: options.contact,
    languages: options.languages,
  };
  const answers: Partial<InitAnswers> = {};
  for (const [key, value] of Object.entries(given) as [keyof InitAnswers, string | undefined][]) {
    if (value === undefined) continue;
    const problem = validate[key](value);
    if (problem) throw new StudioError(`--${OPTION_NAMES[key]} ${JSON.stringify(value)}: ${problem}`, 2);
    Object.assign(answers, { [key]: key === 'languages' ? splitLanguages(value) : value.trim() });
  }
  return answers;
}

const OPTION_NAMES: Record<keyof InitAnswers, string> = { organisation: 'name', siteUrl: 'url', repoUrl: 'repo', contact: 'contact', languages: 'languages' };

/** The questions not answered by options, each default following the answers before it; undefined when the person cancels. */
async function ask(dir: string, given: Partial<InitAnswers>): Promise<InitAnswers | undefined> {
  const prompts = await import('@clack/prompts');
  prompts.intro('atomkit init: a new knowledge base');
  const answers: Partial<InitAnswers> = { ...given };
  const questions: [keyof InitAnswers, string][] = [
    ['organisation', 'Organisation or team name (the site title)'],
    ['repoUrl', 'Repository URL, for edit links and "suggest an atom" issues (empty for none)'],
    ['siteUrl', 'URL the docs site will be published at'],
    ['contact', 'Who readers can ask when the atoms have no answer'],
    ['languages', 'Languages of the atoms, comma-separated (the first is the default)'],
  ];
  for (const [key, message] of questions) {
    if (key in given) continue;
    const defaults = defaultAnswers(dir, answers);
    const initial = key === 'languages' ? defaults.languages.join(', ') : defaults[key];
    const value = await prompts.text({ message, initialValue: initial, validate: (input) => validate[key](input ?? '') });
    if (prompts.isCancel(value)) {
      prompts.cancel('Nothing was written.');
      return undefined;
    }
    Object.assign(answers, { [key]: key === 'languages' ? splitLanguages(value) : value.trim() });
  }
  prompts.outro('Writing the knowledge base.');
  return defaultAnswers(dir, answers);
}
