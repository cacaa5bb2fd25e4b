#!/usr/bin/env node
// The atomkit CLI. Its sources are TypeScript; launch.js loads them (from a bundle it keeps current).
// Only the Node.js version check is imported statically: it must run before anything else loads.
import { requireNode } from './require-node.js';

requireNode();
const { loadMain } = await import('./launch.js');
const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
