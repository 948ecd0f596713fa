// A PostgreSQL server for the benchmark's PostgreSQL rows (`npm run bench -- --backend pg`):
// FAMCOORD_BENCH_PG_URL names one to use (its database is filled with the demo store once); else a
// cluster of the installed PostgreSQL (Debian keeps initdb and pg_ctl in /usr/lib/postgresql/N/bin),
// kept between runs in node_modules/.cache/famcoord-bench/pg (a 100,000-family demo takes minutes
// to write), listening only on a socket in its own folder, started for the run and stopped after.
// Unlike the tests' throwaway cluster (tests/helpers/pgServer.ts) it keeps fsync on, as a
// municipality's server would: an update's time includes its commit reaching the disk.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

function postgresBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error('no PostgreSQL installed (/usr/lib/postgresql/*/bin/initdb): install it, or name a server in FAMCOORD_BENCH_PG_URL');
  return join(root, newest, 'bin');
}

/**
 * The server's URL (without a database), and a function that stops it if this run started it.
 * `dir` is the cache folder the cluster lives in.
 */
export function startPgServer(dir) {
  if (process.env.FAMCOORD_BENCH_PG_URL) return { url: process.env.FAMCOORD_BENCH_PG_URL, stop: () => undefined };
  const bin = postgresBin();
  const home = join(dir, 'pg');
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
  run('pg_ctl', ['-D', data, '-l', join(home, 'log'), '-o', `-k ${home} -c listen_addresses=''`, '-w', 'start']);
  return { url: `postgresql://postgres@/postgres?host=${home}`, stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']) };
}

/** The URL of `database` on the server at `url`. */
export function withDatabase(url, database) {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${database}`);
}
