/**
 * A replica rolls to a new index without dropping a request: `atomkit index` swaps a new build into
 * the folder the service reads, the service notices the new manifest and switches between two
 * searches; a build that cannot be loaded leaves the old index answering.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../tooling/src/config/load.js';
import { openRetriever } from '../../tooling/src/retrieval/api.js';
import { buildIndex } from '../../tooling/src/retrieval/build.js';
import { openRollingRetriever } from '../src/index-roll.js';
import { createWorkspace, FIXTURE_ATOMS, startTestServer, type TestServer, type Workspace } from './harness.js';

let workspace: Workspace;
let server: TestServer;
const logged: string[] = [];

/** A config that builds the index in `index-roll` from the atoms in `atoms-roll` (a copy of the fixtures). */
function buildConfig() {
  const file = path.join(workspace.dir, 'build.config.yaml');
  writeFileSync(file, stringify({ atoms: { dir: 'atoms-roll' }, index: { dir: 'index-roll', cache: 'embeddings.sqlite', embedder: { provider: 'none' } } }));
  return loadConfig({ file, cwd: workspace.dir, env: {} });
}

const health = async () => (await (await server.get('/healthz')).json()) as { status: string; index: { contentHash: string; atoms: number } };

beforeAll(async () => {
  workspace = await createWorkspace();
  cpSync(FIXTURE_ATOMS, path.join(workspace.dir, 'atoms-roll'), { recursive: true });
  await buildIndex(buildConfig(), { env: {}, onWarning: () => {} });
  server = await startTestServer(workspace, {}, { indexDir: 'index-roll', indexPollMs: 50, log: (line) => logged.push(line) });
});
afterAll(async () => {
  await server?.close();
  workspace?.remove();
});

const waitFor = async (what: () => Promise<boolean>) => {
  while (!(await what())) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('index roll', () => {
  test("hands out every unit of an atom as the index itself does, so the service's answers quote whole sections as the evaluation measures them", async () => {
    const config = buildConfig();
    const direct = await openRetriever(config);
    const rolling = await openRollingRetriever({ open: () => openRetriever(config) });
    try {
      const [best] = await direct.search('How do I run the linter locally?');
      const units = rolling.unitsOf(best!.atomId);
      expect(units.length).toBeGreaterThan(1);
      expect(units).toEqual(direct.unitsOf(best!.atomId));
    } finally {
      rolling.close();
      direct.close();
    }
  });

  test('a new build swapped into the index folder is served without a failed request, and new atoms are found', async () => {
    const before = await health();
    const statuses: number[] = [];
    let running = true;
    const worker = async () => {
      while (running) statuses.push((await server.post('/api/query', { question: 'How do I run the linter locally?' })).status);
    };
    const load = Array.from({ length: 4 }, worker);

    const atom = path.join(workspace.dir, 'atoms-roll', 'faq', 'zebra-rollout.md');
    mkdirSync(path.dirname(atom), { recursive: true });
    writeFileSync(
      atom,
      `---\ntitle: Zebra rollout windows\nsummary: When the zebra rollout window opens.\ntype: faq\nauthor: docs-team\ncreated: 2026-11-01\nversion: 1.0.0\ntags: [zebra]\nrelated: []\n---\n\nQ: When does the zebra rollout window open?\nA: The zebra rollout window opens every Tuesday at 09:00 UTC.\n`,
    );
    await buildIndex(buildConfig(), { env: {}, onWarning: () => {} });
    await waitFor(async () => (await health()).index.contentHash !== before.index.contentHash);
    const during = statuses.length;
    await waitFor(async () => statuses.length >= during + 8);
    running = false;
    await Promise.all(load);

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect((await health()).index.atoms).toBe(before.index.atoms + 1);
    const answer = (await (await server.post('/api/query', { question: 'When does the zebra rollout window open?' })).json()) as { answered: boolean; citations: { atomId: string }[] };
    expect(answer.answered).toBe(true);
    expect(answer.citations.map((c) => c.atomId)).toContain('faq/zebra-rollout');
    expect(logged.some((line) => line.startsWith('index rolled to'))).toBe(true);
    expect(await (await server.get('/metrics')).text()).toContain(`index_hash="${(await health()).index.contentHash}"`);
  });

  test('a build that cannot be loaded is refused and the loaded index keeps answering', async () => {
    const before = await health();
    const manifestFile = path.join(workspace.dir, 'index-roll', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { contentHash: string; files: Record<string, { sha256: string }> };
    manifest.contentHash = 'f'.repeat(64);
    manifest.files['units.sqlite']!.sha256 = '0'.repeat(64);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await waitFor(async () => logged.some((line) => line.includes('cannot be loaded')));
    expect(await server.reloadIndex()).toBe(false);
    expect((await health()).index.contentHash).toBe(before.index.contentHash);
    expect((await server.post('/api/query', { question: 'How do I run the linter locally?' })).status).toBe(200);
  });
});
