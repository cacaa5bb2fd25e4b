// Loads the CLI's TypeScript sources. The first run, and the first after a source file changes,
// bundles them with esbuild (about 0.3 s) into node_modules/.cache/atomkit/cli/; every other run
// imports that bundle directly, which starts a command about a second sooner than loading each
// module through tsx's loader hooks. Where the bundle cannot be built or written (a read-only
// install), tsx loads the sources as before; ATOMKIT_NO_BUNDLE=1 asks for that too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = path.join(ROOT, 'tooling/src/cli/main.ts');
const CACHE = path.join(ROOT, 'node_modules/.cache/atomkit/cli');
const CURRENT = path.join(CACHE, 'current.json');
/** Entry points besides `main`: code that runs in worker threads. */
const WORKERS = { 'lint-worker': path.join(ROOT, 'tooling/src/lint/worker.ts') };
/** Where the CLI's code finds the bundle it runs from (see tooling/src/cli/bundle.ts). */
const BUNDLE_DIR = Symbol.for('atomkit.cliBundleDir');

/** The `main` function of the CLI. */
export async function loadMain() {
  if (!process.env.ATOMKIT_NO_BUNDLE) {
    try {
      const bundle = freshBundle() ?? (await buildBundle());
      if (process.env.ATOMKIT_DEBUG) process.setSourceMapsEnabled(true);
      globalThis[BUNDLE_DIR] = bundle;
      return (await import(pathToFileURL(path.join(bundle, 'main.js')).href)).main;
    } catch {
      // Fall through to the sources.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import(pathToFileURL(ENTRY).href)).main;
}

/** Size and modification time of each source file: what decides whether a bundle is current. */
function stamp(files) {
  return files.map((file) => {
    const info = statSync(file);
    return [file, info.size, info.mtimeMs];
  });
}

/** The folder of the current bundle, when none of the sources it was built from changed. */
function freshBundle() {
  try {
    const current = JSON.parse(readFileSync(CURRENT, 'utf8'));
    if (!existsSync(path.join(current.dir, 'main.js'))) return undefined;
    const now = stamp(current.inputs.map(([file]) => file));
    return JSON.stringify(now) === JSON.stringify(current.inputs) ? current.dir : undefined;
  } catch {
    return undefined;
  }
}

async function buildBundle() {
  const { build } = await import('esbuild');
  // Built aside and renamed, so a run that starts meanwhile never loads half a bundle.
  const temp = path.join(CACHE, `.build-${process.pid}-${Date.now()}`);
  mkdirSync(CACHE, { recursive: true });
  const started = Date.now();
  const result = await build({
    entryPoints: { main: ENTRY, ...WORKERS },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outdir: temp,
    absWorkingDir: ROOT,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    // For the CommonJS packages bundled in: their `require` of Node's modules and of packages
    // left outside, resolved from the project as it would be without the bundle.
    banner: { js: `import { createRequire as atomkitCreateRequire } from 'node:module'; const require = atomkitCreateRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});` },
    plugins: [sourceUrls, packagesOutside],
  });
  const inputs = stamp(Object.keys(result.metafile.inputs).map((input) => path.resolve(ROOT, input)));
  const dir = path.join(CACHE, createHash('sha1').update(JSON.stringify(inputs)).digest('hex').slice(0, 16));
  try {
    renameSync(temp, dir);
  } catch {
    // Another run built the same sources first: use its bundle.
    rmSync(temp, { recursive: true, force: true });
  }
  // A source saved while the bundle was built may not be in it: leave the next run to build again.
  if (inputs.some(([, , mtime]) => mtime >= started)) return dir;
  const pointer = `${CURRENT}.${process.pid}.tmp`;
  writeFileSync(pointer, JSON.stringify({ dir, inputs }));
  renameSync(pointer, CURRENT);
  removeOldBundles(dir);
  return dir;
}

/** Bundles of earlier sources, once no run can still be loading chunks from them (a day later). */
function removeOldBundles(keep) {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (dir === keep || name === 'current.json' || name.endsWith('.tmp')) continue;
    try {
      if (statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Someone else removed it.
    }
  }
}

/**
 * Packages bundled in rather than imported from node_modules: the Markdown, YAML, JSON Schema and
 * terminal code that every lint run loads. They are hundreds of small modules, and resolving and
 * loading them one by one took longer than linting one file. None of them reads files next to
 * itself. Every other package stays an import: it may find its own files (Astro, Pagefind), load
 * a native addon (SQLite, hnswlib, onnxruntime), or be large and used by one command.
 */
const INLINE = /^(?:micromark(?:-.+)?|mdast-util-.+|unist-util-.+|unified|vfile(?:-.+)?|remark-.+|bail|ccount|character-entities(?:-.+)?|decode-named-character-reference|devlop|extend|is-plain-obj|longest-streak|markdown-table|pluralize|trough|zwitch|yaml|js-yaml|ajv|ajv-formats|fast-deep-equal|fast-uri|json-schema-traverse|github-slugger|fastest-levenshtein|minimatch|commander|picocolors|cli-progress|@babel\/code-frame)$/;

const packagesOutside = {
  name: 'atomkit-packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./#]/ }, (args) => {
      if (isBuiltin(args.path)) return { external: true };
      const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
      return INLINE.test(name) ? undefined : { external: true };
    });
  },
};

/**
 * Keeps `import.meta.url` meaning the source file it is written in (modules find schemas, the
 * site and their workers relative to themselves), instead of the bundle.
 */
const sourceUrls = {
  name: 'atomkit-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const loader = /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js';
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader };
    });
  },
};
