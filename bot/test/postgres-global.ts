/**
 * Vitest global setup: a folder for the PostgreSQL cluster that test files share (started on first
 * use by bot/test/postgres.ts), and its stop after the run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { postgresBin, runAs } from './postgres-cluster.js';
import { SHARED_HOME_KEY } from './postgres.js';

export default function setup(project: TestProject): () => void {
  const home = mkdtempSync(path.join(tmpdir(), 'atomkit-pg-shared-'));
  // As root the cluster runs as another user, who must be able to reach its folder inside.
  chmodSync(home, 0o755);
  project.provide(SHARED_HOME_KEY, home);
  return () => {
    const data = path.join(home, 'cluster', 'data');
    if (existsSync(path.join(data, 'postmaster.pid'))) {
      spawnSync(path.join(postgresBin(), 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', ...(runAs() ?? {}) });
    }
    rmSync(home, { recursive: true, force: true });
  };
}
