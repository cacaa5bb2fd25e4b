/**
 * What `atomkit init` asks, with the defaults a new knowledge base starts from when nobody answers
 * (`--yes`, or no terminal).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGE_TAG } from '../config/load.js';
import { baseLanguage } from '../text/language-tag.js';

export interface InitAnswers {
  /** Who the knowledge base belongs to: the site title is "<organisation> knowledge base" (`siteTitle`). */
  readonly organisation: string;
  /** Where the site is published. */
  readonly siteUrl: string;
  /** The repository holding the knowledge base, for edit links and "suggest an atom" issues; empty for none. */
  readonly repoUrl: string;
  /** Who readers ask when the atoms have no answer. */
  readonly contact: string;
  /** BCP 47 tags; the first is the default language. */
  readonly languages: readonly string[];
}

/** Why an answer cannot be used, or undefined when it can. */
export const validate = {
  organisation: (value: string) => (value.trim() ? undefined : 'A name is needed for the site title.'),
  siteUrl: (value: string) => (isHttpUrl(value) ? undefined : 'An http(s) URL, e.g. https://docs.example.org'),
  repoUrl: (value: string) => (value.trim() === '' || isHttpUrl(value) ? undefined : 'An http(s) URL, e.g. https://github.com/acme/kb, or nothing'),
  contact: (value: string) => (value.trim() ? undefined : 'Say who readers can ask, e.g. "the platform team (#platform)".'),
  languages: (value: string) => {
    const tags = splitLanguages(value);
    const bad = tags.find((tag) => !LANGUAGE_TAG.test(tag));
    if (tags.length === 0) return 'At least one language, e.g. en';
    return bad ? `\`${bad}\` is not a BCP 47 language tag (e.g. en, ja, pt-BR).` : undefined;
  },
};

export function splitLanguages(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Defaults for what was not given: the organisation from the GitHub owner or the folder's name,
 * the repository from the Git remote of the folder (or the nearest existing one above it), the
 * GitHub Pages URL the site workflow publishes to for a GitHub repository, a contact named after
 * the organisation.
 */
export function defaultAnswers(dir: string, given: Partial<InitAnswers> = {}): InitAnswers {
  const repoUrl = given.repoUrl ?? gitRemote(existingFolder(dir)) ?? '';
  const github = githubRepo(repoUrl);
  const organisation = given.organisation ?? titleCase(github?.owner ?? path.basename(path.resolve(dir)));
  const languages = given.languages ?? ['en'];
  return {
    organisation,
    repoUrl,
    siteUrl: given.siteUrl ?? pagesUrl(repoUrl) ?? 'http://127.0.0.1:4321/',
    contact: given.contact ?? wordingFor(languages[0]!).contact(organisation),
    languages,
  };
}

/** The site title and the default contact, in the languages the site's interface and the chat speak (English otherwise). */
const WORDING: Readonly<Record<string, { title: (organisation: string) => string; contact: (organisation: string) => string }>> = {
  en: { title: (organisation) => `${organisation} knowledge base`, contact: (organisation) => `the ${organisation} documentation team` },
  ja: { title: (organisation) => `${organisation} ナレッジベース`, contact: (organisation) => `${organisation} のドキュメント担当チーム` },
};

function wordingFor(language: string): (typeof WORDING)[string] {
  return WORDING[baseLanguage(language)] ?? WORDING.en!;
}

/**
 * The site title of a knowledge base, in its default language.
 *
 * @example siteTitle({ organisation: 'Acme', languages: ['ja'] }) //=> 'Acme ナレッジベース'
 */
export function siteTitle(answers: Pick<InitAnswers, 'organisation' | 'languages'>): string {
  return wordingFor(answers.languages[0] ?? 'en').title(answers.organisation);
}

/** Where GitHub Pages publishes a project page of a GitHub repository. */
function pagesUrl(repoUrl: string): string | undefined {
  const github = githubRepo(repoUrl);
  if (github) return `https://${github.owner.toLowerCase()}.github.io/${github.name}/`;
  // GitLab Pages' address by namespace (`group/sub/project`: group.gitlab.io/sub/project); a
  // project with a unique domain has another, which its pages job sets when it builds.
  const gitlab = /^https:\/\/gitlab\.com\/([^/]+)\/(.+?)\/?$/.exec(repoUrl.replace(/\.git$/, ''));
  return gitlab ? `https://${gitlab[1]!.toLowerCase()}.gitlab.io/${gitlab[2]}/` : undefined;
}

function githubRepo(url: string): { owner: string; name: string } | undefined {
  const match = /^https:\/\/github\.com\/([^/]+)\/([^/]+?)\/?$/.exec(url);
  return match ? { owner: match[1]!, name: match[2]! } : undefined;
}

const titleCase = (name: string) => name.replace(/[-_.]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

/** The folder itself, or the nearest existing folder above it. */
function existingFolder(dir: string): string {
  let current = path.resolve(dir);
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

/** The `origin` remote as an https URL, when the folder is in a Git repository that has one. */
function gitRemote(dir: string): string | undefined {
  try {
    const remote = execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const ssh = /^git@([^:]+):(.+?)(?:\.git)?$/.exec(remote);
    const url = ssh ? `https://${ssh[1]}/${ssh[2]}` : remote.replace(/\.git$/, '');
    return isHttpUrl(url) ? url : undefined;
  } catch {
    return undefined;
  }
}
