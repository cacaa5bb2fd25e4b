/**
 * `atomkit start`: the one-command experience. Lints the atoms, builds the search index and the
 * site when their inputs changed since the last start, then serves the site, the prebuilt chat
 * widget and the chat API from one local origin.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath, type AtomkitConfig } from '../config/load.js';
import type { CliIo } from '../cli/io.js';
import { packageFile } from '../package/files.js';
import { fingerprint } from './fingerprint.js';

export interface StartOptions {
  readonly port?: string;
  readonly host?: string;
  /** Rebuild the index and the site even when nothing changed. */
  readonly force?: boolean;
  /** A development machine: print how to open the authoring studio. @default true */
  readonly development?: boolean;
}

/** Inputs recorded after each successful build. */
interface StartState {
  index?: string;
  /** `builtAt` of the index this start built, to notice an index rebuilt by other means. */
  indexBuiltAt?: string;
  site?: string;
}

const STATE_FILE = '.atomkit/start-state.json';

export async function runStart(config: AtomkitConfig, options: StartOptions, io: CliIo): Promise<number> {
  const started = performance.now();
  const pc = io.colors;
  const step = (text: string) => io.stdout(`${pc.cyan('›')} ${text}\n`);
  const statePath = projectPath(config, STATE_FILE);
  const state = readState(statePath);
  const save = () => {
    mkdirSync(path.dirname(statePath), { recursive: true });
    writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
  };

  // 1. Lint: a broken atom would fail the site build anyway; say so first, in the linter's words.
  const { runLint } = await import('../lint/run.js');
  const { REPORTERS } = await import('../lint/reporters/index.js');
  // Like the index and the site, lint redoes only what changed since the last start.
  const lint = await runLint({ config, cwd: config.root, cache: true });
  const errors = lint.diagnostics.filter((d) => d.severity === 'error');
  step(`lint: ${lint.files} files, ${errors.length} errors, ${lint.diagnostics.length - errors.length} warnings`);
  if (errors.length > 0) {
    io.stdout(REPORTERS.pretty(errors, { color: io.colors.isColorSupported, files: lint.files }));
    io.stderr(`${pc.red('error')} fix the atoms above (or run \`atomkit lint\`), then start again.\n`);
    return 1;
  }

  // 2. Search index, when the atoms or the index settings changed.
  const atomsDir = config.atoms.dirAbs;
  const indexInputs = fingerprint([atomsDir], [JSON.stringify(config.index), JSON.stringify(config.site)]);
  const { readManifest } = await import('../retrieval/artifact.js');
  const onDisk = readManifest(projectPath(config, config.index.dir));
  const builtAt = 'manifest' in onDisk ? onDisk.manifest.builtAt : undefined;
  if (options.force || state.index !== indexInputs || builtAt === undefined || builtAt !== state.indexBuiltAt) {
    step('search index: building');
    const { buildIndex } = await import('../retrieval/build.js');
    const built = await buildIndex(config, {
      onWarning: (message) => io.stderr(`${message}\n`),
    });
    step(`search index: ${built.manifest.counts.atoms} atoms, ${built.manifest.counts.units} units, dense ${built.manifest.dense ? 'on' : 'off'}`);
    state.index = indexInputs;
    state.indexBuiltAt = built.manifest.builtAt;
    save();
  } else {
    step('search index: up to date');
  }

  // 3. The site, when the atoms, atomkit's code or the configuration changed.
  const { buildSite } = await import('../site/build.js');
  const { siteOutDir } = await import('../../../site/src/standalone.js');
  const siteDir = siteOutDir(config);
  const siteInputs = fingerprint(
    [atomsDir, packageFile('dist')],
    [JSON.stringify(config.site), JSON.stringify(config.atoms), readOptional(path.join(config.root, 'package-lock.json'))],
  );
  if (options.force || state.site !== siteInputs || !existsSync(path.join(siteDir, 'index.html'))) {
    step('docs site: building');
    const site = await buildSite({ config, logLevel: 'warn' });
    step(`docs site: ${site.pages} pages (${site.atoms} atoms)`);
    state.site = siteInputs;
    save();
  } else {
    step('docs site: up to date');
  }

  // 4. One origin for the site, the widget and the chat API.
  step(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // In development, authors are a command away from the studio (a process of its own: it writes files).
  if (options.development !== false) {
    const { STUDIO_HOST, STUDIO_PORT } = await import('../studio/web/run.js');
    step(`authoring studio: run \`npx atomkit studio\` and open http://${STUDIO_HOST}:${STUDIO_PORT}/`);
  }
  const { runServe } = await import('../../../bot/src/cli/serve.js');
  return runServe(config, { site: siteDir, ...(options.port ? { port: options.port } : {}), ...(options.host ? { host: options.host } : {}), workers: '1' }, io);
}

function readState(file: string): StartState {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as StartState) : {};
  } catch {
    // No state yet (or a damaged one): everything counts as changed.
    return {};
  }
}

function readOptional(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
