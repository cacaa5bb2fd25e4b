import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openRetriever } from '../../src/retrieval/api.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { header, procedureBody } from '../../src/lint/test-helpers.js';
import { makeProject, type TestProject } from './project.js';

let project: TestProject;
let outside: string;
beforeEach(() => {
  project = makeProject();
  outside = mkdtempSync(path.join(os.tmpdir(), 'atomkit-outside-'));
});
afterEach(() => {
  project.remove();
  rmSync(outside, { recursive: true, force: true });
});

test('atomkit index skips an atom nested 4,000 levels deep and a link out of the project, saying why, and indexes the rest', async () => {
  writeFileSync(path.join(project.atoms, 'procedure/deep.md'), `${header({ title: 'Okapi deep' })}\nOkapi words.\n\n${'>'.repeat(4000)} okapi\n`);
  writeFileSync(path.join(outside, 'secret.md'), header({ title: 'Okapi secret' }) + procedureBody.replace('Drain it.', 'Drain the okapi secret.'));
  symlinkSync(path.join(outside, 'secret.md'), path.join(project.atoms, 'procedure/innocent.md'));
  project.config({ embedder: { provider: 'none' } });
  const io = memoryIo();
  expect(await main(['-C', project.root, 'index', '--json'], io)).toBe(0);
  const retriever = await openRetriever(project.config({ embedder: { provider: 'none' } }), { env: {}, onWarning: () => {} });
  try {
    expect(await retriever.search('okapi', { k: 5 })).toEqual([]);
    expect(await retriever.search('restore the database from a backup', { k: 1 })).toHaveLength(1);
  } finally {
    retriever.close();
  }
  expect(io.out + io.err).toContain('procedure/deep.md');
  expect(io.out + io.err).toContain('file/too-deep');
  expect(io.out + io.err).toContain('file/unreadable');
});
