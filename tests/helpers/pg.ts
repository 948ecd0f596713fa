// PostgreSQL for tests: the run's server (tests/helpers/pgServer.ts, a globalSetup) and a new
// database for each store a test makes, so test files run in parallel without seeing each other.
import pg from 'pg';
import { inject } from 'vitest';

/** The server's URL, or undefined when the PostgreSQL tests are skipped (see `pgSkipReason`). */
export const pgServerUrl: string | undefined = inject('famcoordPgUrl');
export const pgSkipReason: string | undefined = inject('famcoordPgSkip');
/** A role that signs in only with its password (on the run's own cluster; undefined on FAMCOORD_TEST_PG_URL's). */
export const pgPasswordRole: string | undefined = inject('famcoordPgPasswordRole');

let made = 0;
const databases: string[] = [];

/** The server's URL with another database. */
export function withDatabase(url: string, database: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${database}`);
}

/** Runs SQL on the server's own database (or `url`'s). */
export async function onServer<T>(work: (client: pg.Client) => Promise<T>, url = pgServerUrl as string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server: its URL. */
export async function freshPgUrl(): Promise<string> {
  if (!pgServerUrl) throw new Error(`no PostgreSQL server for tests: ${pgSkipReason}`);
  const name = `famcoord_test_${process.pid}_${++made}_${Date.now().toString(36)}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  databases.push(name);
  return withDatabase(pgServerUrl, name);
}

/** Drops the databases this test file made (in afterAll). */
export async function dropPgDatabases(): Promise<void> {
  if (!pgServerUrl || databases.length === 0) return;
  await onServer(async (client) => {
    for (const name of databases.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}
