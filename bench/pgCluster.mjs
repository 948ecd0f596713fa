// A PostgreSQL server for the benchmark's PostgreSQL rows (`npm run bench -- --backend pg`):
// FAMCOORD_BENCH_PG_URL names one to use (its database is filled with the demo store once); else a
// cluster of the installed PostgreSQL (Debian keeps initdb and pg_ctl in /usr/lib/postgresql/N/bin),
// kept between runs in TMPDIR/famcoord-bench-pg (a 100,000-family demo takes minutes to write; as
// root the cluster is the postgres user's, which could not enter the benchmark's private cache),
// listening only on a socket in its own folder, started for the run and stopped after.
// Unlike the tests' throwaway cluster (tests/helpers/pgServer.ts) it keeps fsync on, as a
// municipality's server would: an update's time includes its commit reaching the disk.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

function postgresBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error('no PostgreSQL installed (/usr/lib/postgresql/*/bin/initdb): install it, or name a server in FAMCOORD_BENCH_PG_URL');
  return join(root, newest, 'bin');
}

/** The server's URL (without a database), and a function that stops it if this run started it. */
export function startPgServer() {
  if (process.env.FAMCOORD_BENCH_PG_URL) return { url: process.env.FAMCOORD_BENCH_PG_URL, stop: () => undefined };
  const bin = postgresBin();
  const home = join(tmpdir(), 'famcoord-bench-pg');
  const data = join(home, 'data');
  // PostgreSQL will not run as root: as root, the cluster belongs to the postgres user.
  const asRoot = userInfo().uid === 0;
  const run = (tool, args) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, tool), args, { stdio: 'pipe' }));
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    if (asRoot) chownSync(home, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
    chmodSync(home, 0o700);
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
  }
  const url = `postgresql://postgres@/postgres?host=${home}`;
  // Left running by a run that was stopped: used as it is.
  const running = (() => {
    try {
      return run('pg_ctl', ['-D', data, 'status']) !== undefined;
    } catch {
      return false;
    }
  })();
  if (running) return { url, stop: () => undefined };
  run('pg_ctl', ['-D', data, '-l', join(home, 'log'), '-o', `-k ${home} -c listen_addresses=''`, '-w', 'start']);
  return { url, stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']) };
}

/** The URL of `database` on the server at `url`. */
export function withDatabase(url, database) {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${database}`);
}

/**
 * The URL of a PostgreSQL demo store of `families` families on the server at `serverUrl`, built
 * with `build(url)` when this server does not have it yet (or `fresh`): its own database,
 * famcoord_bench_N, and a marker beside the other demo stores naming the server it was built on.
 */
export async function pgDemoStore(serverUrl, families, { stores, fresh, build }) {
  const database = `famcoord_bench_${families}`;
  const url = withDatabase(serverUrl, database);
  const marker = join(stores, `demo-${families}.pg.ready`);
  if (!fresh && existsSync(marker) && readFileSync(marker, 'utf8') === url) return url;
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  build(url);
  writeFileSync(marker, url);
  return url;
}
