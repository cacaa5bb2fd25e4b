/** PostgreSQL connection strings: telling one from `sqlite`, and printing one without its password. */

/** Is `store` (from `bot.store`, `--store` or ATOMKIT_DATABASE_URL) a PostgreSQL connection string? */
export function isPostgresUrl(store: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(store);
}

/**
 * The connection string with its password (in the user info or a `password` parameter) replaced.
 *
 * @example redactUrl('postgres://bot:s3cret@db:5432/chat') //=> 'postgres://bot:***@db:5432/chat'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    // Not parseable: print nothing of it rather than risk the password.
    return 'postgres://(unparseable connection string)';
  }
}
