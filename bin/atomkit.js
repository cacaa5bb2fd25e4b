#!/usr/bin/env node
// The atomkit CLI: runs the compiled package in dist/ (built by `npm run build`, which `npm install`
// runs in a checkout and `npm pack` before packing). Only the Node.js version check is imported
// statically: it must run before anything else loads.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { requireNode } from './require-node.js';

requireNode();
// Node.js 22 calls node:sqlite experimental and says so on every command that opens a store (24
// does not): a warning about the runtime, not something the user can act on, and noise on `atomkit
// mcp`'s stderr. Only that one is held back; every other warning prints as Node prints it.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  if (String(typeof warning === 'string' ? warning : warning?.message).startsWith('SQLite is an experimental feature')) return;
  return emitWarning.call(this, warning, ...rest);
};
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
