/** A throw-away project folder with the fixture atoms and a config pointing at the test model. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { loadConfig, type AtomkitConfig } from '../../src/config/load.js';

export const FIXTURE_ATOMS = fileURLToPath(new URL('./fixtures/atoms', import.meta.url));
/** The generated tiny BERT model (tooling/scripts/make-test-model.py). */
export const MODEL_DIR = fileURLToPath(new URL('../fixtures/models', import.meta.url));
export const TEST_MODEL = 'atomkit-test/tiny-bert';

export interface TestProject {
  readonly root: string;
  readonly atoms: string;
  /** Writes the config file (merged over the test defaults) and loads it. */
  config(index?: Record<string, unknown>): AtomkitConfig;
  remove(): void;
}

export function makeProject(): TestProject {
  const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-index-'));
  const atoms = path.join(root, 'atoms');
  cpSync(FIXTURE_ATOMS, atoms, { recursive: true });
  return {
    root,
    atoms,
    config(index = {}) {
      const embedder = { model: TEST_MODEL, modelDir: MODEL_DIR, allowRemote: false, ...((index.embedder as object) ?? {}) };
      writeFileSync(path.join(root, 'atomkit.config.yaml'), stringify({ index: { maxUnitTokens: 256, ...index, embedder } }));
      return loadConfig({ cwd: root, env: {} });
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
