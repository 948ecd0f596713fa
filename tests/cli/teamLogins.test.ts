// A team on one PostgreSQL store (#17), as its people use it: logins for two coordinators, a
// caseworker for employment, a lead and an auditor; what each sees through famcoord and, the same,
// through a plain SQL client; refusals that name whose caseload a family is in; reads logged for
// the auditor; a lead's undo of another's step. The demo is small (40 families); README's "A team
// on PostgreSQL" shows the same with 2,000.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { dropPgDatabases, freshPgUrl, onServer, pgServerUrl } from '../helpers/pg.js';

const DATE = '2026-11-24';
/** Logins unique to this run: roles are the server's, shared by every test file's databases. */
const tag = `${process.pid.toString(36)}_${randomBytes(3).toString('hex')}`;
const login = (who: string) => `${who}_${tag}`;
const PEOPLE = {
  hanne: { name: 'Hanne Kjær', role: 'coordinator' },
  birgitte: { name: 'Birgitte Lund', role: 'coordinator' },
  lone: { name: 'Lone Berg', role: 'caseworker', sector: 'employment' },
  leif: { name: 'Leif Holm', role: 'lead' },
  aase: { name: 'Aase Revisor', role: 'auditor' },
} as const;
type Person = keyof typeof PEOPLE;

let sb: Sandbox;
let ownerUrl: string;
const urlOf = (who: Person) => ownerUrl.replace('postgres@', `${login(who)}@`);
const as = (who: Person | 'owner', args: string[]) => sb.run([...args, '--date', DATE, '--store', who === 'owner' ? ownerUrl : urlOf(who)], { store: false });

/** Runs SQL as a person's login, as psql would. */
async function sql<T extends pg.QueryResultRow>(who: Person, text: string, values?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlOf(who) });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
const refusedSql = (who: Person, text: string) => expect(sql(who, text)).rejects.toThrow(/permission denied|row-level security/);

/** Every family id a JSON answer mentions. */
function familyIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) familyIdsIn(item, found);
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'familyId' && typeof inner === 'string') found.add(inner);
      else familyIdsIn(inner, found);
    }
  return found;
}

let caseload: Record<'hanne' | 'birgitte', string[]>;

describe.skipIf(!pgServerUrl)('a team on one PostgreSQL store', () => {
  beforeAll(async () => {
    sb = sandbox();
    ownerUrl = await freshPgUrl();
    expect(as('owner', ['demo', '--families', '40', '--seed', '2']).code).toBe(0);
    for (const [who, person] of Object.entries(PEOPLE)) {
      const added = as('owner', ['team', 'user', 'add', login(who as Person), '--name', person.name, '--role', person.role, ...('sector' in person ? ['--sector', person.sector] : [])]);
      expect(added.code, added.stderr).toBe(0);
    }
    // Lone Berg holds the decision authority for employment in family f3 (Søren's).
    await onServer((client) => client.query(`UPDATE families SET data = (data::jsonb || '{"authority": [{"sector": "employment", "holder": "Lone Berg"}]}')::json WHERE id = 'f3'`), ownerUrl);
    const all = JSON.parse(as('owner', ['families', '--json']).stdout) as Array<{ id: string; coordinator: string }>;
    caseload = {
      hanne: all.filter((f) => f.coordinator === 'Hanne Kjær').map((f) => f.id),
      birgitte: all.filter((f) => f.coordinator === 'Birgitte Lund').map((f) => f.id),
    };
    expect(caseload.hanne.length).toBeGreaterThan(3);
  }, 120_000);
  afterAll(async () => {
    sb?.cleanup();
    await dropPgDatabases();
    await onServer(async (client) => {
      for (const who of Object.keys(PEOPLE)) await client.query(`DROP ROLE IF EXISTS ${login(who as Person)}`);
    });
  });

  it("each coordinator's today holds only their caseload, and family of the other's family is refused, naming whose it is and the lead", () => {
    for (const who of ['hanne', 'birgitte'] as const) {
      const today = as(who, ['today', '--json']);
      expect(today.code, today.stderr).toBe(0);
      const seen = familyIdsIn(JSON.parse(today.stdout));
      expect(seen.size).toBeGreaterThan(0);
      for (const id of seen) expect(caseload[who]).toContain(id);
    }
    const other = caseload.birgitte[0] as string;
    const refused = as('hanne', ['family', other]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`famcoord: family ${other} is in Birgitte Lund's caseload, which you may not read or change; the team's lead (Leif Holm) can transfer it to you or give you access. Nothing was read or written\n`);
    // A change to it is refused the same way, and nothing is logged.
    const steps = () => (JSON.parse(as('owner', ['log', '--json']).stdout) as unknown[]).length;
    const before = steps();
    const change = as('hanne', ['goal', 'add', other, '--title', 'Ny', '--sector', 'school', '--due', '2027-01-01']);
    expect(change.code).toBe(1);
    expect(change.stderr).toMatch(/is in Birgitte Lund's caseload/);
    expect(steps()).toBe(before);
    // The lead reads every family of the team.
    expect(as('leif', ['family', other]).code).toBe(0);
    // A family a coordinator adds is in her own caseload; a goal added to it takes the next id.
    const added = as('hanne', ['families', 'add', '--name', 'Familien Holm', '--member', 'Mette Holm:adult', '--json']);
    expect(added.code, added.stderr).toBe(0);
    const holm = (JSON.parse(added.stdout) as { familyIds: string[] }).familyIds[0] as string;
    expect(as('hanne', ['goal', 'add', holm, '--title', 'Ny', '--sector', 'school', '--due', '2027-01-01']).code).toBe(0);
    expect(as('birgitte', ['family', holm]).stderr).toMatch(new RegExp(`family ${holm} is in Hanne Kjær's caseload`));
    caseload.hanne.push(holm);
  });

  it('the same logins in plain SQL see the same rows and cannot change what famcoord would not let them', async () => {
    for (const who of ['hanne', 'birgitte'] as const) {
      const ids = (await sql<{ id: string }>(who, 'SELECT id FROM families ORDER BY id')).map((r) => r.id).sort();
      expect(ids).toEqual([...caseload[who]].sort());
      for (const table of ['entities', 'today_marks', 'family_access']) {
        const rows = await sql<{ family_id: string }>(who, `SELECT DISTINCT family_id FROM ${table}`);
        for (const row of rows) expect(caseload[who]).toContain(row.family_id);
      }
      for (const row of await sql<{ family_ids: string[] }>(who, 'SELECT family_ids FROM audit')) for (const id of row.family_ids) expect(caseload[who]).toContain(id);
    }
    const theirs = caseload.birgitte[0] as string;
    // Another's family: no row to change or delete; the log and the access log are closed.
    expect(await sql('hanne', 'UPDATE families SET version = version + 1 WHERE id = $1 RETURNING id', [theirs])).toEqual([]);
    expect(await sql('hanne', 'DELETE FROM entities WHERE family_id = $1 RETURNING id', [theirs])).toEqual([]);
    await refusedSql('hanne', "INSERT INTO family_access (family_id, person, why) VALUES ('f2', 'hanne kjær', 'coordinator')");
    await refusedSql('hanne', "INSERT INTO audit (step, entry) VALUES (9999, '{}')");
    await refusedSql('hanne', 'UPDATE audit_head SET step = 0');
    await refusedSql('hanne', 'SELECT * FROM access_log');
    await expect(sql('hanne', "SELECT famcoord_team_add('x', 'X', 'x', 'lead', '{}')")).rejects.toThrow(/only the team's lead or the store's owner manages the team/);
    await expect(sql('hanne', "SELECT famcoord_audit_append('{\"step\": 1}')")).rejects.toThrow(/must follow step/);
    // The caseworker reads the family where she holds the authority, and no other.
    expect((await sql<{ id: string }>('lone', 'SELECT id FROM families')).map((r) => r.id)).toEqual(['f3']);
    expect(familyIdsIn(JSON.parse(as('lone', ['families', '--json']).stdout).map((f: { id: string }) => ({ familyId: f.id })))).toEqual(new Set(['f3']));
    // The auditor: the logs, no family data beyond ids.
    await refusedSql('aase', 'SELECT id FROM families');
    await refusedSql('aase', 'SELECT entry FROM audit');
    await refusedSql('aase', 'DELETE FROM access_log');
    expect(await sql('aase', 'SELECT step, family_ids, login, at FROM audit')).toBeInstanceOf(Array);
    // The lead sees the whole team's families (the demo's 40 and the one Hanne added).
    expect((await sql<{ n: string }>('leif', 'SELECT count(*) AS n FROM families'))[0]?.n).toBe('41');
  });

  it("the auditor's access-log --family F --reads names the coordinator who opened F; a coordinator may not read it; doctor --prune deletes old reads", async () => {
    const mine = caseload.hanne[1] as string;
    expect(as('hanne', ['family', mine]).code).toBe(0);
    expect(as('hanne', ['plan', mine, '--lang', 'en']).code).toBe(0);
    const reads = as('aase', ['access-log', '--family', mine, '--reads', '--json']);
    expect(reads.code, reads.stderr).toBe(0);
    expect((JSON.parse(reads.stdout) as { reads: Array<{ login: string; person: string; what: string }> }).reads.map((r) => [r.person, r.login, r.what])).toEqual([
      ['Hanne Kjær', login('hanne'), 'family'],
      ['Hanne Kjær', login('hanne'), 'plan'],
    ]);
    expect(as('aase', ['access-log', '--family', mine, '--reads']).stdout).toMatch(new RegExp(`Hanne Kjær \\(${login('hanne')}\\)\\s+family\\s+${mine}`));
    // By a member of the family: the auditor finds the family by ids alone.
    const [person] = await sql<{ id: string }>('hanne', "SELECT id FROM entities WHERE family_id = $1 AND id LIKE 'p%' LIMIT 1", [mine]);
    const byMember = as('aase', ['access-log', person?.id as string, '--json']);
    expect(byMember.code, byMember.stderr).toBe(0);
    expect(JSON.parse(byMember.stdout)).toMatchObject({ familyId: mine, reads: [{ person: 'Hanne Kjær', what: 'family' }, { person: 'Hanne Kjær', what: 'plan' }] });
    // The owner sees the member's changes and the reads of the family.
    expect(JSON.parse(as('owner', ['access-log', person?.id as string, '--json']).stdout).reads).toHaveLength(2);
    const refused = as('hanne', ['access-log', '--family', mine, '--reads']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/who read a family is for the team's auditor and the store's owner to see \(Aase Revisor\)/);
    // Kept six months by default: nothing is that old yet; a year on, it all goes.
    expect(as('owner', ['doctor', '--prune']).stdout).toMatch(/^Deleted 0 logged read\(s\)/);
    expect(as('aase', ['doctor', '--prune']).code).toBe(1);
    expect(sb.run(['doctor', '--prune', '--date', '2027-12-01', '--store', ownerUrl], { store: false }).stdout).toMatch(/^Deleted [1-9]\d* logged read\(s\) from before 2027-06-01/);
    expect((JSON.parse(as('aase', ['access-log', '--family', mine, '--reads', '--json']).stdout) as { reads: unknown[] }).reads).toEqual([]);
  });

  it("steps stay numbered 1..N and chained when no one can read the others' entries; undo is one's own, a lead may undo another's, logged as such", async () => {
    const goalOf = async (who: 'hanne' | 'birgitte') => (await sql<{ id: string }>(who, "SELECT id FROM entities WHERE id LIKE 'g%' ORDER BY id LIMIT 1"))[0]?.id as string;
    const hannesGoal = await goalOf('hanne');
    const birgittesGoal = await goalOf('birgitte');
    const progress = (who: Person, goal: string, score: string) => as(who, ['goal', 'progress', goal, '--score', score, '--json']);
    const step = (result: { code: number; stdout: string; stderr: string }) => {
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { step: number }).step;
    };
    const first = step(progress('hanne', hannesGoal, '6'));
    expect(step(progress('birgitte', birgittesGoal, '7'))).toBe(first + 1);
    const leads = step(progress('leif', hannesGoal, '8'));
    expect(leads).toBe(first + 2);
    // The lead's step is not Hanne's to take back, though it is on her family.
    const others = as('hanne', ['undo', '--step', String(leads)]);
    expect(others.code).toBe(1);
    expect(others.stderr).toMatch(new RegExp(`step ${leads} was made by ${login('leif')}; on a team's store you undo your own steps, and the team's lead \\(Leif Holm\\) may undo another's with --step ${leads}`));
    const byLead = as('leif', ['undo', '--step', String(step(progress('hanne', hannesGoal, '9'))), '--json']);
    expect(byLead.code, byLead.stderr).toBe(0);
    // Birgitte's undo takes back her own newest step, logged under her login.
    const own = as('birgitte', ['undo', '--json']);
    expect(own.code, own.stderr).toBe(0);
    const entries = JSON.parse(as('owner', ['log', '--json']).stdout) as Array<{ step: number; user: string; undoes?: number; asLead?: boolean }>;
    expect(entries.map((e) => e.step)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.at(-2)).toMatchObject({ user: login('leif'), undoes: first + 3, asLead: true });
    expect(entries.at(-1)).toMatchObject({ user: login('birgitte'), undoes: first + 1 });
    expect(entries.at(-1)?.asLead).toBeUndefined();
    const doctor = as('owner', ['doctor']);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    expect(doctor.stdout).toMatch(/no problems found/);
    // A coordinator's log has gaps (others' families): the chain is the lead's or the owner's to check.
    const hannesDoctor = as('hanne', ['doctor']);
    expect(hannesDoctor.code, hannesDoctor.stdout + hannesDoctor.stderr).toBe(0);
    expect(hannesDoctor.stdout).toMatch(/the audit log's chain is checked by the team's lead or the store's owner/);
    expect(as('leif', ['doctor']).stdout).toMatch(/no problems found/);
  });

  it("a step is done as the login's person whatever --caseload names: the login's place in the team, asked with the step, still decides, and a refusal writes nothing", () => {
    const [family] = caseload.hanne;
    const asked = as('hanne', ['transfer', family as string, '--to', 'Birgitte Lund']);
    expect(asked.code, asked.stderr).toBe(0);
    const log = () => (JSON.parse(as('owner', ['log', '--json']).stdout) as unknown[]).length;
    const coordinator = async () => (await sql<{ coordinator: string }>('hanne', 'SELECT coordinator FROM families WHERE id = $1', [family]))[0]?.coordinator;
    const steps = log();
    // Hanne's login naming Birgitte's caseload does not make her the transfer's receiver.
    const accepted = as('hanne', ['transfer', 'accept', family as string, '--caseload', 'Birgitte Lund']);
    expect(accepted.code, accepted.stderr).toBe(2);
    expect(accepted.stderr).toMatch(/is to Birgitte Lund: only they can accept it/);
    expect(log()).toBe(steps);
    return expect(coordinator()).resolves.toBe('hanne kjær');
  });

  it('only a lead or the owner manages the team', () => {
    expect(as('leif', ['team', 'user', 'list']).stdout).toMatch(/Hanne Kjær\s+coordinator/);
    const refused = as('hanne', ['team', 'user', 'add', login('newcomer'), '--name', 'Ny Person', '--role', 'lead']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/only the team's lead or the store's owner manages the team; nothing was saved/);
    expect(as('hanne', ['team', 'user', 'add', 'Bad Login', '--name', 'X', '--role', 'lead']).code).toBe(2);
    expect(as('leif', ['team', 'user', 'remove', login('aase')]).code).toBe(0);
    expect(as('aase', ['access-log', '--family', 'f1', '--reads']).code).toBe(1);
  });
});
