#!/usr/bin/env node
// The atomkit CLI. Its sources are TypeScript; launch.js loads them (from a bundle it keeps current).
import { loadMain } from './launch.js';

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
