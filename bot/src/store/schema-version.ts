/**
 * The check both conversation stores (SQLite and PostgreSQL) make on the schema version a database
 * records: one written by a newer atomkit is refused, never migrated down or read as if it were
 * older. One wording for both, which `atomkit serve` recognises to exit with it.
 */

/**
 * @throws Error when `version` is past the `known` number of migrations.
 * @example assertKnownVersion(3, 2) // throws: The database is at schema version 3, newer than this atomkit knows (2). Upgrade atomkit.
 */
export function assertKnownVersion(version: number, known: number): void {
  if (version > known) {
    throw new Error(`The database is at schema version ${version}, newer than this atomkit knows (${known}). Upgrade atomkit.`);
  }
}
