/**
 * `atomkit init [dir]`: scaffolds a knowledge base the way `npm create astro` scaffolds a site.
 * Asks a few questions (each with a default; `--yes` or a non-interactive run takes them all),
 * refuses to overwrite any file (a repository's `.gitignore` and `package.json` gain what they
 * lack instead), then says what it wrote and how to start.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../cli/io.js';
import { StudioError } from '../studio/errors.js';
import { defaultAnswers, splitLanguages, validate, type InitAnswers } from './answers.js';
import { commandsOf } from './package-manager.js';
import { PIPELINE_FILE } from './gitlab.js';
import { packageNameFor, planScaffold, writeScaffold, type CiService, type PlannedFile } from './scaffold.js';

export interface InitOptions {
  readonly yes?: boolean;
  readonly organisation?: string;
  readonly siteUrl?: string;
  readonly repoUrl?: string;
  readonly contact?: string;
  readonly languages?: string;
  readonly json?: boolean;
  /** Where the checks, site and index are built. @default by the repository (`ciServiceFor`) */
  readonly ci?: CiService;
  /** Whether questions can be asked (stdin and stdout are a terminal). */
  readonly interactive: boolean;
}

export async function runInit(dirArgument: string | undefined, options: InitOptions, cwd: string, io: CliIo): Promise<number> {
  const dir = path.resolve(cwd, dirArgument ?? '.');
  const given = givenAnswers(options);
  const answers = options.yes || !options.interactive ? defaultAnswers(dir, given) : await ask(dir, given);
  if (!answers) return 1;

  const relative = (from: string, file: string) => path.relative(from, file).split(path.sep).join('/');
  const where = (file: string) => relative(cwd, file);
  const plan = planScaffold(dir, answers, packageNameFor(dir), { shown: where, ...(options.ci ? { ci: options.ci } : {}) });
  if (plan.inTheWay.length > 0) {
    const listed = plan.inTheWay.map(where);
    throw new StudioError(
      `${listed.length === 1 ? 'A file' : 'Files'} atomkit init would write already ${listed.length === 1 ? 'exists' : 'exist'}: ${listed.slice(0, 5).join(', ')}${listed.length > 5 ? ', …' : ''}. Nothing was written.`,
      1,
      plan.inTheWay.every(isCiFile)
        ? 'Move those files away, or leave CI out with `--ci none` (and add the lint, site and index steps to your own).'
        : 'Run it in a new or empty folder (`npx atomkit init my-kb`), or move those files away.',
    );
  }
  mkdirSync(dir, { recursive: true });
  writeScaffold(plan);

  const shown = path.relative(cwd, dir);
  const created = plan.files.filter((file) => !file.merged);
  const merged = plan.files.filter((file): file is PlannedFile & Required<Pick<PlannedFile, 'merged'>> => file.merged !== undefined);
  if (options.json) {
    const report = {
      dir,
      answers,
      files: created.map((file) => relative(dir, file.target)),
      merged: Object.fromEntries(merged.map((file) => [relative(dir, file.target), { added: file.merged.added, kept: file.merged.kept }])),
      packageManager: plan.manager.name,
      ci: plan.ci,
      ...(plan.workflowsDir ? { workflowsAt: plan.workflowsDir } : {}),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${io.colors.green('✓')} ${answers.organisation} knowledge base created in ${shown || '.'} (${created.length} files)\n`);
  const { workflowsDir } = plan;
  if (workflowsDir) {
    const workflows = created.filter((file) => path.dirname(file.target) === workflowsDir).map((file) => path.basename(file.target));
    io.stdout(`  GitHub workflows ${workflows.join(', ')} in ${where(workflowsDir)}: the repository's root, where GitHub runs them; they work in ${plan.folder}/\n`);
  }
  if (plan.ci === 'none' && !options.ci) io.stdout('  no CI written: init writes GitHub workflows and GitLab CI/CD only (`--ci github` or `--ci gitlab` to write one anyway)\n');
  if (plan.ci === 'gitlab') {
    const including = plan.files.find((file) => path.basename(file.target) === '.gitlab-ci.yml')!;
    io.stdout(`  GitLab CI/CD: atoms:lint, atoms:site, ${plan.pages ? 'pages, ' : ''}atoms:index in ${where(path.join(dir, PIPELINE_FILE))}, included from ${where(including.target)}\n`);
    if (!plan.pages) io.stdout("  your pipeline has a pages job of its own: atomkit's site is built on the default branch and kept as an artifact, not published\n");
  }
  for (const file of merged) io.stdout(`  ${where(file.target)}: ${mergeSummary(file.merged)}\n`);
  io.stdout('\nNext:\n');
  if (shown) io.stdout(`  cd ${shown}\n`);
  const commands = commandsOf(plan.manager.name, merged.some((file) => file.merged.kept.some((script) => script.name === 'start')));
  io.stdout(`  ${commands.install}\n  ${commands.start.padEnd(15)}  # lint, index, build and serve the site with its chat widget\n\n`);
  io.stdout('The example atoms in atoms/ and the example interview show the format: read them, then replace them with your own.\n');
  return 0;
}

/** A file of the CI init writes: a GitHub workflow or atomkit's GitLab jobs. */
function isCiFile(file: string): boolean {
  return path.basename(file) === PIPELINE_FILE || path.basename(path.dirname(file)) === 'workflows';
}

/** What init did to a file the repository already had, in a line. */
function mergeSummary(merged: NonNullable<PlannedFile['merged']>): string {
  const scripts = merged.added.filter((key) => key.startsWith('scripts.')).map((key) => key.slice('scripts.'.length));
  const dependencies = merged.added.filter((key) => key.startsWith('devDependencies.')).map((key) => key.slice('devDependencies.'.length));
  const pipeline = merged.added.filter((key) => key.startsWith('include ') || key.startsWith('stage '));
  const rules = merged.added.filter((key) => !key.startsWith('scripts.') && !key.startsWith('devDependencies.') && !pipeline.includes(key));
  const parts = [
    ...(scripts.length > 0 ? [`added the script${scripts.length === 1 ? '' : 's'} ${scripts.join(', ')}`] : []),
    ...(dependencies.length > 0 ? [`added the dev dependency ${dependencies.join(', ')}`] : []),
    ...pipeline.map((addition) => (addition.startsWith('include ') ? `added \`include: local: ${addition.slice('include '.length)}\`` : `added the stage ${addition.slice('stage '.length)} to stages`)),
    ...(rules.length > 0 ? [`added ${rules.length} ignore rule${rules.length === 1 ? '' : 's'} (${rules.join(' ')})`] : []),
    ...merged.kept.map((script) => `kept your \`${script.name}\` script (atomkit's would run \`${script.ours}\`)`),
  ];
  return parts.length > 0 ? parts.join('; ') : 'already had everything atomkit needs';
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
