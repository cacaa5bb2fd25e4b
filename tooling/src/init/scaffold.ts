/**
 * The files of a new knowledge base: the example atoms, transcript and workflows that ship in
 * `tooling/templates/init/`, plus the configuration and package.json made from the answers. Nothing is
 * written unless every file can be: an existing file is never overwritten, except that a repository's
 * own `.gitignore` and `package.json` gain what they lack (merge.ts). In a folder of a larger
 * repository, the workflows go to the repository's root, where GitHub runs them (workflows.ts). On
 * GitLab, atomkit's jobs go beside the atoms and the repository's `.gitlab-ci.yml` includes them (gitlab.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { repositoryLinks } from '../config/load.js';
import { defaultBranch, repositoryRoot } from '../config/repository.js';
import { editHeader } from '../studio/header-edit.js';
import { baseLanguage } from '../text/language-tag.js';
import { packageFile, packageVersion } from '../package/files.js';
import { siteTitle, type InitAnswers } from './answers.js';
import { gitlabPipeline, hasPagesJob, includePipeline, PIPELINE_FILE } from './gitlab.js';
import { mergeGitignore, mergePackageJson, type Merged } from './merge.js';
import { lockfileOf, packageManagerFor, type PackageManager } from './package-manager.js';
import { adaptWorkflow } from './workflows.js';

/** Template files whose name npm would not pack as it is. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

export interface ScaffoldFile {
  /** Path relative to the knowledge base folder, with `/`. */
  readonly path: string;
  readonly content: string;
}

/**
 * Every file `atomkit init` writes, in the order it writes them. `folder` is the knowledge base's
 * folder relative to the root of the repository that holds it, when that is above it: its pages'
 * edit links go there.
 */
export function scaffoldFiles(answers: InitAnswers, packageName: string, folder?: string, branch = 'main'): ScaffoldFile[] {
  // The examples are in English: in a knowledge base whose default language is another, they say so.
  const english = baseLanguage(answers.languages[0] ?? 'en') === 'en';
  return [
    { path: 'atomkit.config.yaml', content: configYaml(answers, folder, branch) },
    { path: 'package.json', content: `${JSON.stringify(packageJson(packageName), null, 2)}\n` },
    ...templateFiles(packageFile('tooling', 'templates', 'init')).map((file) =>
      english || !EXAMPLES.test(file.path) ? file : { ...file, content: editHeader(file.content, (doc) => doc.set('language', 'en')).text },
    ),
  ];
}

/** The example atoms and interview, whose headers say their language. */
const EXAMPLES = /^(?:atoms|interviews)\/.+\.md$/;

/** One file of the plan. */
export interface PlannedFile {
  /** Where it goes, absolute. */
  readonly target: string;
  readonly content: string;
  /** For a file the repository already has: what init adds to it (nothing to write when nothing is added). */
  readonly merged?: Merged;
}

export interface ScaffoldPlan {
  readonly files: readonly PlannedFile[];
  /** Files init would have to overwrite (absolute): it writes nothing while there are any. */
  readonly inTheWay: readonly string[];
  /** The knowledge base's folder relative to the repository's root, when that is above it. */
  readonly folder?: string;
  /** The root's workflow folder, absolute, when the workflows go there. */
  readonly workflowsDir?: string;
  /** What the repository installs with: the workflows install and run with it. */
  readonly manager: PackageManager;
  /** The CI service the plan writes for. */
  readonly ci: CiService;
  /** On GitLab: whether atomkit's `pages` job publishes the site (false: the pipeline has its own). */
  readonly pages?: boolean;
}

/** Where a knowledge base's checks, site and index are built; `none` for a repository that runs another CI. */
export type CiService = 'github' | 'gitlab' | 'none';

/** Files that a repository has and init adds to rather than refuses. */
const MERGED = new Set(['.gitignore', 'package.json']);
const WORKFLOWS = '.github/workflows/';

export interface PlanOptions {
  /** Names a file in messages. @default the absolute path */
  readonly shown?: (file: string) => string;
  /** @default GitLab for a repository on a GitLab host or with a `.gitlab-ci.yml`, else GitHub */
  readonly ci?: CiService;
}

/**
 * The CI service of a repository: GitLab when its URL is on a GitLab host (gitlab.com or one of a
 * company's own, `gitlab.acme.dev`) or its root has a `.gitlab-ci.yml`; none on Bitbucket and Azure
 * DevOps, whose pipelines init does not write (GitHub workflows there would only mislead); else GitHub.
 *
 * @example ciServiceFor('https://gitlab.acme.dev/platform/kb', '/tmp/kb') //=> 'gitlab'
 */
export function ciServiceFor(repoUrl: string, top: string): CiService {
  const host = /^https?:\/\/([^/]+)/.exec(repoUrl)?.[1] ?? '';
  if (/(?:^|\.)gitlab\./i.test(host) || existsSync(path.join(top, GITLAB_CI))) return 'gitlab';
  return /(?:^|\.)(?:bitbucket\.org|dev\.azure\.com|visualstudio\.com)$/i.test(host) || existsSync(path.join(top, 'bitbucket-pipelines.yml')) || existsSync(path.join(top, 'azure-pipelines.yml')) ? 'none' : 'github';
}

const GITLAB_CI = '.gitlab-ci.yml';

/** What `atomkit init` would write into `dir` and where, and what is in its way. */
export function planScaffold(dir: string, answers: InitAnswers, packageName: string, options: PlanOptions = {}): ScaffoldPlan {
  const shown = options.shown ?? ((file: string) => file);
  const top = repositoryRoot(dir);
  const folder = top !== undefined && top !== dir ? path.relative(top, dir).split(path.sep).join('/') : undefined;
  const manager = packageManagerFor(folder !== undefined ? [dir, top!] : [dir]);
  // A repository that has work on another branch than `main` (`master`) gets workflows and edit links for that one.
  const branch = (top !== undefined ? defaultBranch(top) : undefined) ?? 'main';
  const fromRoot = (file: string) => path.relative(folder !== undefined ? top! : dir, file).split(path.sep).join('/');
  const lockfile = folder !== undefined ? fromRoot(lockfileOf(manager.name, dir, top!)) : undefined;
  const packageManagerFile = manager.declaredIn ? fromRoot(manager.declaredIn) : undefined;
  const ci = options.ci ?? ciServiceFor(answers.repoUrl, top ?? dir);
  const files: PlannedFile[] = [];
  const inTheWay: string[] = [];
  for (const file of scaffoldFiles(answers, packageName, folder, branch)) {
    const workflow = file.path.startsWith(WORKFLOWS);
    if (workflow && ci !== 'github') continue;
    const target = workflow && folder !== undefined ? path.join(top!, file.path) : path.join(dir, file.path);
    const content = workflow ? adaptWorkflow(file.content, { ...(folder !== undefined ? { folder, lockfile } : {}), manager, branch, ...(packageManagerFile ? { packageManagerFile } : {}) }) : file.content;
    if (!existsSync(target)) files.push({ target, content });
    else if (!MERGED.has(file.path)) inTheWay.push(target);
    else files.push({ target, content, merged: mergeInto(readFileSync(target, 'utf8'), shown(target), file, packageName) });
  }
  let pages: boolean | undefined;
  if (ci === 'gitlab') {
    const pipeline = path.join(dir, PIPELINE_FILE);
    const included = path.join(top ?? dir, GITLAB_CI);
    const theirs = existsSync(included) ? readFileSync(included, 'utf8') : undefined;
    pages = !hasPagesJob(theirs);
    if (existsSync(pipeline)) inTheWay.push(pipeline);
    else files.push({ target: pipeline, content: gitlabPipeline({ ...(folder !== undefined ? { folder, lockfile } : {}), manager, pages }) });
    const merged = includePipeline(theirs, fromRoot(pipeline), shown(included));
    files.push({ target: included, content: merged.content, ...(theirs !== undefined ? { merged } : {}) });
  }
  const workflowsDir = folder !== undefined && ci === 'github' ? path.join(top!, '.github', 'workflows') : undefined;
  return { files, inTheWay, manager, ci, ...(pages !== undefined ? { pages } : {}), ...(folder !== undefined ? { folder } : {}), ...(workflowsDir ? { workflowsDir } : {}) };
}

function mergeInto(theirs: string, shown: string, file: ScaffoldFile, packageName: string): Merged {
  if (file.path === '.gitignore') return mergeGitignore(theirs, file.content);
  const { scripts, devDependencies } = packageJson(packageName);
  return mergePackageJson(theirs, shown, { scripts, devDependencies });
}

export function writeScaffold(plan: ScaffoldPlan): void {
  for (const file of plan.files) {
    if (file.merged && file.merged.added.length === 0) continue;
    mkdirSync(path.dirname(file.target), { recursive: true });
    if (file.merged) {
      // Replaced whole: an interrupted write leaves the repository's file as it was. A file that is
      // a symbolic link (a shared package.json) is replaced where the link points, and stays a link.
      const real = realpathSync(file.target);
      const temporary = `${real}.atomkit-init.tmp`;
      writeFileSync(temporary, file.merged.content);
      renameSync(temporary, real);
    } else {
      // `wx`: a file that appeared since the check is still not overwritten.
      writeFileSync(file.target, file.content, { flag: 'wx' });
    }
  }
}

function configYaml(answers: InitAnswers, folder: string | undefined, branch: string): string {
  const [defaultLanguage = 'en', ...locales] = answers.languages;
  const repo = answers.repoUrl.replace(/\/$/, '');
  const github = /^https:\/\/github\.com\//.test(repo);
  // GitHub's edit links are written out; GitLab's are derived from repoUrl, unless the knowledge
  // base is a folder of the repository or its branch is not `main`, which the derived ones would miss.
  const edit = repositoryLinks(repo, branch)?.editUrl;
  const config = {
    site: {
      title: siteTitle(answers),
      url: answers.siteUrl,
      ...(repo ? { repoUrl: repo } : {}),
      ...(edit && (github || folder !== undefined || branch !== 'main') ? { editUrl: `${edit}${folder !== undefined ? `${folder}/` : ''}` } : {}),
    },
    atoms: { defaultLanguage, locales },
    bot: {
      support: {
        contact: answers.contact,
        ...(github ? { suggestUrl: `${repo}/issues/new?labels=atom-request&title={question}` } : {}),
      },
    },
  };
  return [
    '# yaml-language-server: $schema=./node_modules/atomkit/schemas/config.schema.json',
    '# The knowledge base\'s atomkit settings. Every field is optional; the schema above documents',
    '# each one and its default. Paths are relative to this file.',
    stringify(config, { lineWidth: 0 }),
  ].join('\n');
}

function packageJson(name: string) {
  return {
    name,
    private: true,
    type: 'module',
    scripts: {
      start: 'atomkit start',
      test: 'atomkit lint',
      lint: 'atomkit lint',
      build: 'atomkit site build',
      index: 'atomkit index',
    },
    devDependencies: { atomkit: `^${packageVersion()}` },
  };
}

function templateFiles(root: string, dir = root): ScaffoldFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return templateFiles(root, full);
      const relative = path.relative(root, full).split(path.sep);
      relative[relative.length - 1] = RENAMED[entry.name] ?? entry.name;
      return [{ path: relative.join('/'), content: readFileSync(full, 'utf8') }];
    });
}

/**
 * An npm package name made from a folder name.
 *
 * @example packageNameFor('/home/me/Acme KB') //=> 'acme-kb'
 */
export function packageNameFor(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name || 'knowledge-base';
}
