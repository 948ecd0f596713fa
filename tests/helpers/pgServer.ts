// vitest globalSetup: one PostgreSQL server for the whole test run. FAMCOORD_TEST_PG_URL names one
// to use; else a throwaway cluster is made from the installed PostgreSQL (Debian keeps initdb and
// pg_ctl in /usr/lib/postgresql/N/bin, off PATH), listening only on a socket in its own folder,
// and removed after the run. Tests get its URL through inject('famcoordPgUrl'), or why there is
// none through inject('famcoordPgSkip'); with CI set, no server is a failure.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    famcoordPgUrl: string;
    famcoordPgSkip: string;
    /** Set on our own cluster: the role that must sign in with a password (PASSWORD_ROLE). */
    famcoordPgPasswordRole: string;
  }
}

const PASSWORD_ROLE = 'famcoord_password_test';

/** The newest installed PostgreSQL's bin folder, if any. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(root, newest, 'bin');
}

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.FAMCOORD_TEST_PG_URL;
  if (given) {
    project.provide('famcoordPgUrl', given);
    return undefined;
  }
  const bin = postgresBin();
  if (!bin) {
    const why = 'no PostgreSQL installed (/usr/lib/postgresql/*/bin/initdb) and FAMCOORD_TEST_PG_URL not set';
    if (process.env.CI) throw new Error(`the PostgreSQL tests cannot run: ${why} (CI is set, so this is a failure; .ci/run installs it)`);
    console.warn(`PostgreSQL tests skipped: ${why}`);
    project.provide('famcoordPgSkip', why);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL will not run as root: as root, the cluster belongs to the postgres user.
  const asRoot = userInfo().uid === 0;
  const run = (tool: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
  if (asRoot) {
    const postgres = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const group = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, postgres, group);
  }
  chmodSync(dir, 0o700);
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // Everyone is trusted but one role, which must give its password: for the wrong-password test.
  const hba = join(data, 'pg_hba.conf');
  writeFileSync(hba, `local all ${PASSWORD_ROLE} scram-sha-256\n${readFileSync(hba, 'utf8')}`);
  // Test data only: no fsync. Connections for 20 writers and each test file's stores.
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses='' -c fsync=off -c max_connections=200`, '-w', 'start']);
  project.provide('famcoordPgUrl', `postgresql://postgres@/postgres?host=${dir}`);
  project.provide('famcoordPgPasswordRole', PASSWORD_ROLE);
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
