/** Opens the store the configuration names: the SQLite file `bot.db`, or PostgreSQL at `bot.store`. */
import { projectPath, type AtomkitConfig } from '../../../tooling/src/config/load.js';
import { postgresSettings } from './postgres/connection.js';
import { isPostgresUrl } from './postgres/url.js';
import type { PostgresStore } from './postgres/store.js';
import { openSqliteStore, type SqliteStore } from './sqlite.js';

export interface StoreChoice {
  /** Overrides `bot.store` (`sqlite` or a PostgreSQL connection string). */
  readonly store?: string | undefined;
  /** Overrides `bot.db` (the SQLite file). */
  readonly db?: string | undefined;
  /** Apply migrations (the service) or only check the schema (commands that read). @default true */
  readonly migrate?: boolean;
}

/** The store in use: `sqlite` or a PostgreSQL connection string. */
export function storeTarget(config: AtomkitConfig, choice: StoreChoice = {}): string {
  return choice.store ?? config.bot.store;
}

/**
 * @throws StoreUnavailableError when PostgreSQL cannot be reached; Error when a schema is newer than this atomkit.
 */
export async function openConfiguredStore(config: AtomkitConfig, choice: StoreChoice = {}): Promise<SqliteStore | PostgresStore> {
  const target = storeTarget(config, choice);
  if (isPostgresUrl(target)) {
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore(postgresSettings(config, target), { migrate: choice.migrate ?? true });
  }
  return openSqliteStore(projectPath(config, choice.db ?? config.bot.db));
}
