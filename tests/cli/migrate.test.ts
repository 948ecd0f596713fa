// famcoord migrate between the JSON file and SQLite or PostgreSQL, as a user runs it: nothing lost
// either way, the same answers from both backends, and back to a byte-identical JSON file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { dropPgDatabases, freshPgUrl, pgServerUrl } from '../helpers/pg.js';

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});

function demoWithHistory(): Sandbox {
  const box = sandbox();
  boxes.push(box);
  expect(box.run(['demo', '--families', '30', '--seed', '5', '--date', '2026-11-24']).code).toBe(0);
  const today = JSON.parse(box.run(['today', '--json', '--date', '2026-11-24']).stdout) as { overdueGoals: Array<{ id: string }>; openContacts: Array<{ id: string }> };
  expect(box.run(['goal', 'progress', today.overdueGoals[0]!.id, '--score', '7', '--note', 'Mødt op hver dag']).code).toBe(0);
  expect(box.run(['contact', 'resolve', today.openContacts[0]!.id, '--resolution', 'Afklaret på mødet']).code).toBe(0);
  return box;
}

afterAll(dropPgDatabases);

/** The database backends a JSON store migrates to: a new SQLite file, or a new PostgreSQL database. */
const DATABASES = [
  { name: 'SQLite', database: (box: Sandbox) => Promise.resolve(join(box.dir, 'team.sqlite')) },
  ...(pgServerUrl ? [{ name: 'PostgreSQL', database: () => freshPgUrl() }] : []),
];

const json = (result: { code: number; stdout: string }) => {
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as unknown;
};

describe('famcoord migrate', () => {
  it.each(DATABASES)('moves a JSON store and its log to $name and back with nothing lost', async ({ database: make }) => {
    const box = demoWithHistory();
    const database = await make(box);
    const back = join(box.dir, 'back.json');
    const migrated = box.run(['migrate', '--to', database]);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/Copied 30 families and 2 log steps/);

    const onBoth = (args: string[]) => [json(box.run([...args, '--json', '--date', '2026-11-24'])), json(box.run([...args, '--json', '--date', '2026-11-24', '--store', database], { store: false }))];
    for (const args of [['today'], ['families'], ['family', 'f3'], ['report']]) {
      const [fromJson, fromSqlite] = onBoth(args);
      expect(fromSqlite, args.join(' ')).toEqual(fromJson);
    }
    expect(json(box.run(['log', '--json', '--store', database], { store: false }))).toEqual(json(box.run(['log', '--json'])));

    expect(box.run(['migrate', '--to', back, '--store', database], { store: false }).code).toBe(0);
    expect(readFileSync(back).equals(box.bytes())).toBe(true);
    expect(readFileSync(`${back}.audit.jsonl`).equals(readFileSync(`${box.store}.audit.jsonl`))).toBe(true);
  });

  it.each(DATABASES)('undo on the migrated $name database reverts the step made before the migration', async ({ database: make }) => {
    const box = demoWithHistory();
    const database = await make(box);
    expect(box.run(['migrate', '--to', database]).code).toBe(0);
    const undone = box.run(['undo', '--store', database], { store: false });
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toMatch(/^Undone: .* by tester at \d\d:\d\d.* \(step 2\); recorded as step 3$/m);
    expect(box.run(['undo']).code).toBe(0);
    expect(json(box.run(['family', 'f1', '--json', '--store', database], { store: false }))).toEqual(json(box.run(['family', 'f1', '--json'])));
  });

  it('keeps an encrypted store encrypted, and will not copy it into a database it cannot encrypt', async () => {
    const box = sandbox();
    boxes.push(box);
    const env = { FAMCOORD_PASSPHRASE: 'correct horse battery staple' };
    expect(box.run(['demo', '--encrypt', '--families', '5', '--date', '2026-11-24'], { env }).code).toBe(0);
    const refused = box.run(['migrate', '--to', join(box.dir, 'team.sqlite')], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot encrypt a SQLite store/);
    expect(existsSync(join(box.dir, 'team.sqlite'))).toBe(false);
    if (pgServerUrl) {
      const url = await freshPgUrl();
      const intoServer = box.run(['migrate', '--to', url], { env });
      expect(intoServer.code).toBe(2);
      expect(intoServer.stderr).toMatch(/is encrypted, and famcoord does not encrypt a PostgreSQL store \(the server protects it/);
      expect(box.run(['today', '--store', url], { store: false }).stderr).toMatch(/no famcoord store in/);
    }
    const copy = join(box.dir, 'copy.json');
    expect(box.run(['migrate', '--to', copy], { env }).code).toBe(0);
    expect(readFileSync(copy, 'utf8')).toMatch(/^famcoord-encrypted-v1 /);
    expect(readFileSync(copy).includes('Familien')).toBe(false);
    expect(json(box.run(['today', '--json', '--date', '2026-11-24', '--store', copy], { env, store: false }))).toEqual(json(box.run(['today', '--json', '--date', '2026-11-24'], { env })));
  });

  it('refuses to overwrite an existing store, and leaves both alone', () => {
    const box = demoWithHistory();
    const other = join(box.dir, 'other.json');
    expect(box.run(['demo', '--families', '3', '--store', other], { store: false }).code).toBe(0);
    const before = readFileSync(other);
    const refused = box.run(['migrate', '--to', other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; it was not changed/);
    expect(readFileSync(other)).toEqual(before);
    expect(box.run(['migrate']).code).toBe(2);
    expect(existsSync(join(box.dir, 'team.sqlite'))).toBe(false);
  });
});
