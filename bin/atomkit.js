#!/usr/bin/env node
// The atomkit CLI: runs the compiled package in dist/ (built by `npm run build`, which `npm install`
// runs in a checkout and `npm pack` before packing). Only the Node.js version check is imported
// statically: it must run before anything else loads.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { requireNode } from './require-node.js';

requireNode();
const entry = new URL('../dist/tooling/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('atomkit is not built in this checkout: run `npm run build` (npm install runs it), then the command again.\n');
  process.exit(2);
}
// Node keeps the compiled code of every module it loads in its own cache folder (outside the
// package), so each later run starts sooner.
module.enableCompileCache?.();
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
