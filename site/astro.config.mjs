// atomkit's own handbook for the plain Astro CLI (`npx astro build --root site`): the same
// configuration `atomkit site build|dev` run (src/standalone.ts), Starlight with the atomkit
// plugin, made from the repository's atomkit.config.yaml.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { loadConfig } from '../tooling/src/config/load.ts';
import { standaloneSite } from './src/standalone.ts';

const { configFile, ...config } = standaloneSite(loadConfig({ cwd: path.dirname(path.dirname(fileURLToPath(import.meta.url))) }));

export default defineConfig(config);
