// A store named by a PostgreSQL URL rather than a path. Kept apart from the PostgreSQL backend so
// that telling a URL from a path, and hiding its password, loads no database client.

/** `postgres://` and `postgresql://` (libpq's two spellings) select the PostgreSQL backend. */
export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/**
 * The URL with any password taken out (in the user part or as `password=`), for every place a
 * store is shown: messages, doctor, config show, the log. The password belongs in PGPASSWORD or
 * ~/.pgpass (PGPASSFILE), not in a URL that `ps` and shell histories show.
 */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Any PostgreSQL URL inside a text (an argument list, a message) with its password hidden. */
export function redactUrls(text: string): string {
  return text.replace(/postgres(?:ql)?:\/\/\S*/gi, (url) => redactUrl(url));
}
