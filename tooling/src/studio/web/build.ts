/**
 * Bundles the studio's browser client (tooling/src/studio/web/client) into `outDir`: `index.html`
 * and `assets/`, minified ES modules split by view (the first view loads the entry and its own
 * chunk; CodeMirror comes with the editor), each under a content-hashed name and beside its
 * gzip and brotli forms, so the server sends them compressed and browsers keep them for good. The
 * package build runs it into `dist/browser/studio`, where `atomkit studio` serves it from; nothing
 * is built or compressed at run time.
 *
 * Run `npm run build:studio` to build it by hand; it prints the sizes.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { studioClientDir } from './client-dir.js';

const clientDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client');

/** The placeholders in client/index.html that name the entry script and stylesheet. */
const ENTRY_SCRIPT = '/assets/studio.js';
const ENTRY_STYLES = '/assets/studio.css';

export interface StudioClientBuild {
  readonly outDir: string;
  /** Bytes of all the scripts. */
  readonly jsBytes: number;
  /** Size of all the scripts after gzip (level 9), what a browser downloads from a compressing server. */
  readonly jsGzipBytes: number;
  /** Each script's file name and size after gzip, largest first. */
  readonly scripts: readonly { readonly name: string; readonly gzipBytes: number }[];
  readonly cssBytes: number;
}

/**
 * @example (await buildStudioClient('dist/browser/studio')).jsGzipBytes //=> 182000
 */
export async function buildStudioClient(outDir: string): Promise<StudioClientBuild> {
  const assets = path.join(outDir, 'assets');
  rmSync(assets, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  const { metafile } = await build({
    entryPoints: { studio: path.join(clientDir, 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    minify: true,
    legalComments: 'eof',
    outdir: assets,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
  });
  const [entryFile, entry] = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint !== undefined)!;
  const url = (file: string) => `/assets/${path.relative(assets, file).split(path.sep).join('/')}`;
  const page = readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  if (!page.includes(ENTRY_SCRIPT) || !page.includes(ENTRY_STYLES)) throw new Error(`client/index.html must load ${ENTRY_SCRIPT} and ${ENTRY_STYLES}`);
  writeFileSync(
    path.join(outDir, 'index.html'),
    page.replace(ENTRY_SCRIPT, url(path.resolve(entryFile))).replace(ENTRY_STYLES, url(path.resolve(entry.cssBundle!))),
  );

  let jsBytes = 0;
  let jsGzipBytes = 0;
  let cssBytes = 0;
  const scripts: { name: string; gzipBytes: number }[] = [];
  for (const name of readdirSync(assets)) {
    const file = path.join(assets, name);
    const bytes = readFileSync(file);
    const gzip = gzipSync(bytes, { level: 9 });
    writeFileSync(`${file}.gz`, gzip);
    writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    if (name.endsWith('.js')) {
      jsBytes += bytes.length;
      jsGzipBytes += gzip.length;
      scripts.push({ name, gzipBytes: gzip.length });
    } else if (name.endsWith('.css')) cssBytes += bytes.length;
  }
  scripts.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { outDir, scripts, jsBytes, jsGzipBytes, cssBytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildStudioClient(studioClientDir());
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`${path.relative(process.cwd(), built.outDir)}  scripts ${kib(built.jsBytes)}, ${kib(built.jsGzipBytes)} gzipped; styles ${kib(built.cssBytes)}`);
  for (const script of built.scripts) console.log(`  ${script.name.padEnd(28)} ${kib(script.gzipBytes).padStart(10)} gzipped`);
}
