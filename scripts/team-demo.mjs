#!/usr/bin/env node
// #17's must-show on a throwaway PostgreSQL server: a demo of 2,000 families (or FAMILIES=N) and
// four logins: two coordinators, a caseworker for employment, an auditor (and a lead, whom a
// refusal names). Checks that each coordinator's `today --json` holds only their caseload, that
// `family` of the other's family is refused, that the same logins in plain SQL see the same rows,
// that the auditor's `access-log --family F --reads` names the coordinator who opened F, that a
// transfer asked for by one coordinator is accepted by the other and appears in her Today first,
// and that an intervention a coordinator proposes is approved by the caseworker holding the
// authority (and the coordinator sees the decision in her Today).
// Prints each step's time. Needs `npm run build` and an installed PostgreSQL (initdb, pg_ctl).
//   node scripts/team-demo.mjs            (FAMILIES=100000 for a municipality)
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const FAMILIES = Number(process.env.FAMILIES ?? 2000);
const DATE = '2026-11-24';
const BIN = resolve(import.meta.dirname, '../bin/famcoord.js');
const root = '/usr/lib/postgresql';
const version = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0];
if (!version) throw new Error('no PostgreSQL installed under /usr/lib/postgresql');
const bin = join(root, version, 'bin');
const asRoot = userInfo().uid === 0;
const tool = (name, args) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, name), ...args]) : execFileSync(join(bin, name), args));

const dir = mkdtempSync(join(tmpdir(), 'famcoord-team-'));
if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
tool('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
tool('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses=''`, '-w', 'start']);
const url = (user) => `postgresql://${user}@/famcoord?host=${dir}`;

const timed = (what, work) => {
  const started = process.hrtime.bigint();
  const result = work();
  console.log(`${what}: ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  return result;
};
const famcoord = (user, args, { ok = true } = {}) => {
  try {
    return execFileSync(process.execPath, [BIN, ...args, '--date', DATE, '--store', url(user)], { encoding: 'utf8', maxBuffer: 2 ** 30, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FAMCOORD_CONFIG_DIR: dir } });
  } catch (error) {
    if (ok) throw error;
    return { code: error.status, stderr: String(error.stderr) };
  }
};
const check = (condition, what) => {
  if (!condition) throw new Error(`FAILED: ${what}`);
  console.log(`ok: ${what}`);
};
const familyIdsIn = (value, found = new Set()) => {
  if (Array.isArray(value)) value.forEach((v) => familyIdsIn(v, found));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) k === 'familyId' && typeof v === 'string' ? found.add(v) : familyIdsIn(v, found);
  return found;
};

try {
  tool('createdb', ['-h', dir, '-U', 'postgres', 'famcoord']);
  timed(`demo of ${FAMILIES} families`, () => famcoord('postgres', ['demo', '--families', String(FAMILIES), '--seed', '2']));
  const people = [
    ['hanne', 'Hanne Kjær', 'coordinator'],
    ['birgitte', 'Birgitte Lund', 'coordinator'],
    ['lone', 'Lone Berg', 'caseworker', 'employment'],
    ['aase', 'Aase Revisor', 'auditor'],
    ['leif', 'Leif Holm', 'lead'],
  ];
  for (const [login, name, role, sector] of people) famcoord('postgres', ['team', 'user', 'add', login, '--name', name, '--role', role, ...(sector ? ['--sector', sector] : [])]);
  console.log(famcoord('postgres', ['team', 'user', 'list']));
  const all = JSON.parse(famcoord('postgres', ['families', '--json']));
  const caseload = (name) => new Set(all.filter((f) => f.coordinator === name).map((f) => f.id));
  const hannes = caseload('Hanne Kjær');
  const birgittes = caseload('Birgitte Lund');
  for (const [login, mine] of [['hanne', hannes], ['birgitte', birgittes]]) {
    const seen = familyIdsIn(JSON.parse(timed(`${login}: today --json`, () => famcoord(login, ['today', '--json']))));
    check(seen.size > 0 && [...seen].every((id) => mine.has(id)), `${login}'s today holds only her caseload (${seen.size} families of ${mine.size})`);
    const client = new pg.Client({ connectionString: url(login) });
    await client.connect();
    const rows = (await client.query('SELECT id FROM families')).rows.map((r) => r.id);
    const updated = (await client.query('UPDATE families SET version = version WHERE id = ANY($1::text[])', [[...all.map((f) => f.id)]])).rowCount;
    await client.end();
    check(rows.length === mine.size && rows.every((id) => mine.has(id)), `${login} in plain SQL sees the same ${rows.length} families, and can change no others (${updated} rows updated)`);
    check(updated === mine.size, `${login}'s UPDATE of all families touched only her own`);
  }
  const other = [...birgittes][0];
  const refused = timed('hanne: family of Birgitte\'s family', () => famcoord('hanne', ['family', other], { ok: false }));
  check(refused.code === 1 && /in Birgitte Lund's caseload/.test(refused.stderr), `refused, exit 1: ${refused.stderr.trim()}`);
  const opened = [...hannes][0];
  timed('hanne: family (logged read)', () => famcoord('hanne', ['family', opened]));
  const reads = timed('aase: access-log --family F --reads', () => famcoord('aase', ['access-log', '--family', opened, '--reads']));
  check(/Hanne Kjær \(hanne\)/.test(reads), `the auditor sees who opened ${opened}:\n${reads}`);
  const [moving, assessed] = [...hannes].filter((id) => id !== opened);
  famcoord('hanne', ['transfer', moving, '--to', 'Birgitte Lund', '--note', 'Flytter til Birgittes distrikt']);
  const incoming = JSON.parse(famcoord('birgitte', ['today', '--json'])).transfers ?? [];
  check(incoming.some((t) => t.familyId === moving), `the transfer of ${moving} asked for by hanne is in Birgitte's Today`);
  famcoord('birgitte', ['transfer', 'accept', moving]);
  check(famcoord('hanne', ['family', moving], { ok: false }).code === 1, `once accepted, ${moving} is Birgitte's: hanne is refused it`);
  check(JSON.parse(famcoord('birgitte', ['family', moving, '--json'])).coordinator === 'Birgitte Lund', `birgitte reads ${moving} as her own`);
  famcoord('hanne', ['family', 'authority', assessed, '--sector', 'employment', '--holder', 'Lone Berg']);
  const adult = JSON.parse(famcoord('hanne', ['family', assessed, '--json'])).members.find((m) => m.role === 'adult');
  const proposed = JSON.parse(famcoord('hanne', ['intervention', 'add', assessed, '--member', adult.id, '--sector', 'employment', '--kind', 'Mentorstøtte', '--from', DATE, '--json'])).applied[0].id;
  const waiting = JSON.parse(famcoord('lone', ['today', '--json'])).decisionsWaiting ?? [];
  check(waiting.some((d) => d.interventionId === proposed), `hanne's intervention ${proposed} is proposed and waits in Lone's Today`);
  famcoord('lone', ['intervention', 'approve', proposed, '--reason', 'Passer til jobplanen']);
  const decided = JSON.parse(famcoord('hanne', ['today', '--json'])).recentDecisions ?? [];
  check(decided.some((d) => d.interventionId === proposed), `the caseworker approved ${proposed}, and hanne sees the decision in her Today`);
  timed('owner: today --json (every family)', () => famcoord('postgres', ['today', '--json']));
  console.log('all checks passed');
} finally {
  tool('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  rmSync(dir, { recursive: true, force: true });
}
