/** What `atomkit conversations export` runs: JSONL of exchanges since a date. */
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { projectPath, type AtomkitConfig } from '../../../tooling/src/config/load.js';
import type { CliIo } from '../../../tooling/src/cli/io.js';
import { openDatabase } from '../store/db.js';
import { postgresSettings } from '../store/postgres/connection.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import type { ThreadRepository } from '../store/store.js';
import { ThreadStore } from '../store/threads.js';

export interface ExportOptions {
  readonly since: string;
  readonly out?: string;
  readonly db?: string;
  /** Overrides `bot.store`. */
  readonly store?: string;
}

/** `YYYY-MM-DD` or a full ISO time; returned as the ISO string stored timestamps compare with. */
export function parseSince(since: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(since)) return undefined;
  const time = new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

export async function runExport(config: AtomkitConfig, options: ExportOptions, io: CliIo): Promise<number> {
  const since = parseSince(options.since);
  if (!since) {
    io.stderr(`${io.colors.red('error')} --since expects a date like 2026-11-01 (or an ISO time), got \`${options.since}\`.\n`);
    return 2;
  }
  const opened = await openThreads(config, options);
  if (typeof opened === 'string') {
    io.stderr(`${io.colors.red('error')} ${opened}\n`);
    return 2;
  }
  try {
    const out = options.out ? createWriteStream(projectPath(config, options.out)) : undefined;
    let count = 0;
    for await (const exchange of opened.threads.exportSince(since)) {
      const line = `${JSON.stringify(exchange)}\n`;
      if (out) {
        if (!out.write(line)) await once(out, 'drain');
      } else io.stdout(line);
      count++;
    }
    if (out) {
      out.end();
      await once(out, 'finish');
      io.stderr(`wrote ${count} exchange${count === 1 ? '' : 's'} to ${options.out}\n`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

/** The threads of the configured store, opened to read (SQLite read-only; PostgreSQL without migrating), or why not. */
async function openThreads(config: AtomkitConfig, options: ExportOptions): Promise<{ threads: ThreadRepository; close(): Promise<void> } | string> {
  const target = options.store ?? config.bot.store;
  if (isPostgresUrl(target)) {
    const { openPostgresStore } = await import('../store/postgres/store.js');
    try {
      const store = await openPostgresStore(postgresSettings(config, target), { migrate: false });
      return { threads: store.threads, close: () => store.close() };
    } catch (error) {
      return (error as Error).message;
    }
  }
  const file = projectPath(config, options.db ?? config.bot.db);
  if (!existsSync(file)) return `no conversation database at ${file}. It is created by \`atomkit serve\`.`;
  const db = openDatabase(file, { readonly: true });
  return {
    threads: new ThreadStore(db),
    close: async () => {
      db.close();
    },
  };
}
