/**
 * Bundles the studio's browser client (tooling/src/studio/web/client) into `outDir`: `index.html`,
 * `assets/studio.js` (one minified ES module) and `assets/studio.css`. The package build runs it
 * into `dist/browser/studio`, where `atomkit studio` serves it from; nothing is built at run time.
 *
 * Run `npm run build:studio` to build it by hand; it prints the sizes.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { packageFile } from '../../package/files.js';

const clientDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client');

/** Where the package keeps the built client. */
export function studioClientDir(): string {
  return packageFile('dist', 'browser', 'studio');
}

export interface StudioClientBuild {
  readonly outDir: string;
  /** Bytes of the script. */
  readonly jsBytes: number;
  /** Size of the script after gzip (level 9), what a browser downloads from a compressing server. */
  readonly jsGzipBytes: number;
  readonly cssBytes: number;
}

/**
 * @example (await buildStudioClient('dist/browser/studio')).jsGzipBytes //=> 182000
 */
export async function buildStudioClient(outDir: string): Promise<StudioClientBuild> {
  const assets = path.join(outDir, 'assets');
  rmSync(assets, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  await build({
    entryPoints: { studio: path.join(clientDir, 'main.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    minify: true,
    legalComments: 'eof',
    outdir: assets,
    logLevel: 'silent',
  });
  copyFileSync(path.join(clientDir, 'index.html'), path.join(outDir, 'index.html'));
  const js = readFileSync(path.join(assets, 'studio.js'));
  return { outDir, jsBytes: js.length, jsGzipBytes: gzipSync(js, { level: 9 }).length, cssBytes: readFileSync(path.join(assets, 'studio.css')).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildStudioClient(studioClientDir());
  console.log(`${path.relative(process.cwd(), built.outDir)}  studio.js ${(built.jsBytes / 1024).toFixed(1)} KiB, ${(built.jsGzipBytes / 1024).toFixed(1)} KiB gzipped; studio.css ${(built.cssBytes / 1024).toFixed(1)} KiB`);
}
