/**
 * The files of a new knowledge base: the example atoms, transcript and workflows that ship in
 * `tooling/templates/init/`, plus the configuration and package.json made from the answers. Nothing is
 * written unless every file can be: an existing file is never overwritten.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { packageFile, packageVersion } from '../package/files.js';
import type { InitAnswers } from './answers.js';

/** Template files whose name npm would not pack as it is. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

export interface ScaffoldFile {
  /** Path relative to the knowledge base folder, with `/`. */
  readonly path: string;
  readonly content: string;
}

/** Every file `atomkit init` writes, in the order it writes them. */
export function scaffoldFiles(answers: InitAnswers, packageName: string): ScaffoldFile[] {
  return [
    { path: 'atomkit.config.yaml', content: configYaml(answers) },
    { path: 'package.json', content: `${JSON.stringify(packageJson(packageName), null, 2)}\n` },
    ...templateFiles(packageFile('tooling', 'templates', 'init')),
  ];
}

/** Files that are in the way, relative to `dir`. */
export function existingFiles(dir: string, files: readonly ScaffoldFile[]): string[] {
  return files.filter((file) => existsSync(path.join(dir, file.path))).map((file) => file.path);
}

export function writeScaffold(dir: string, files: readonly ScaffoldFile[]): void {
  for (const file of files) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    // `wx`: a file that appeared since the check is still not overwritten.
    writeFileSync(target, file.content, { flag: 'wx' });
  }
}

function configYaml(answers: InitAnswers): string {
  const [defaultLanguage = 'en', ...locales] = answers.languages;
  const repo = answers.repoUrl.replace(/\/$/, '');
  const github = /^https:\/\/github\.com\//.test(repo);
  const config = {
    site: {
      title: `${answers.organisation} knowledge base`,
      url: answers.siteUrl,
      ...(repo ? { repoUrl: repo } : {}),
      ...(github ? { editUrl: `${repo}/edit/main/` } : {}),
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
