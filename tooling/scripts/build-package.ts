/**
 * Builds what the atomkit package runs, into dist/: the TypeScript compiled by tsc
 * (tsconfig.build.json), the site plugin's Astro components, styles and public files beside their
 * compiled modules, and the browser code (the chat widget, the studio) bundled once, ahead of time. `npm install` runs
 * it in a checkout (`prepare`), and `npm pack`/`npm publish` before packing; nothing is compiled
 * or bundled when atomkit runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWidget } from '../../bot/widget/build.js';
import { buildStudioClient } from '../src/studio/web/build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'dist');

/** Files of the site plugin that Astro and Vite load as they are. */
const SITE_ASSET = /\.(?:astro|css|json)$/;

export async function buildPackage(): Promise<void> {
  // Built aside and swapped in, so a run that starts meanwhile never sees half a package.
  const staging = path.join(ROOT, `dist.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', staging], { cwd: ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error('tsc failed: see the errors above.');
  }
  copyAssets(path.join(ROOT, 'site/src'), path.join(staging, 'site/src'));
  cpSync(path.join(ROOT, 'site/public'), path.join(staging, 'site/public'), { recursive: true });
  await buildWidget({ outfile: path.join(staging, 'browser/widget/atom-chat.js') });
  await buildStudioClient(path.join(staging, 'browser/studio'));
  const old = `${DIST}.${process.pid}.old`;
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(staging, DIST);
  rmSync(old, { recursive: true, force: true });
}

function copyAssets(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyAssets(source, path.join(to, entry.name));
    else if (SITE_ASSET.test(entry.name)) {
      mkdirSync(to, { recursive: true });
      cpSync(source, path.join(to, entry.name));
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    await buildPackage();
    console.log(`dist/ built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
