// #17 on every store, as a user runs it: a transfer asked for, accepted and declined; decision
// authority with a proposed intervention approved (its overlaps printed first) or rejected; Today
// and `team --json` for each person. The same walk on a JSON file, SQLite and PostgreSQL.
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { dropPgDatabases, freshPgUrl, pgServerUrl } from '../helpers/pg.js';

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});
afterAll(dropPgDatabases);

const DATE = ['--date', '2026-11-24'];

/** famcoord on `store` (a file name in the sandbox, or a URL), with --date pinned; `as` is the --caseload. */
function famcoordOn(store: (box: Sandbox) => string | Promise<string>) {
  return async () => {
    const box = sandbox();
    boxes.push(box);
    const where = await store(box);
    const run = (args: string[], as?: string) => box.run([...args, ...DATE, '--store', where, ...(as === undefined ? [] : ['--caseload', as])], { store: false });
    const ok = (args: string[], as?: string) => {
      const result = run(args, as);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    };
    const json = (args: string[], as?: string) => JSON.parse(ok([...args, '--json'], as)) as Record<string, unknown>;
    return { run, ok, json };
  };
}

const STORES: Array<[string, (box: Sandbox) => string | Promise<string>, boolean]> = [
  ['a JSON file', (box) => join(box.dir, 'team.json'), true],
  ['SQLite', (box) => join(box.dir, 'team.sqlite'), true],
  ['PostgreSQL', () => freshPgUrl(), pgServerUrl !== undefined],
];

describe.each(STORES)('a team on %s', (_name, store, available) => {
  it.skipIf(!available)('transfers a family: asked, seen in the receiver’s Today, accepted; declined with a reason; refusals write nothing', async () => {
    const { run, ok, json } = await famcoordOn(store)();
    ok(['init']);
    ok(['families', 'add', '--name', 'Familien Berg', '--coordinator', 'Hanne Kjær', '--member', 'Mette Berg:adult']);
    ok(['families', 'add', '--name', 'Familien Holm', '--coordinator', 'Per Holm', '--member', 'Ole Holm:adult']);
    ok(['goal', 'add', 'f1', '--title', 'Mette i praktik', '--sector', 'employment', '--due', '2026-11-01', '--member', 'p1']);

    expect(run(['transfer', 'f1']).stderr).toMatch(/--to is required/);
    ok(['transfer', 'f1', '--to', 'Per Holm', '--note', 'Flytter til Nordbyen'], 'Hanne Kjær');
    const perToday = json(['today'], 'Per Holm') as { transfers: unknown[]; overdueGoals: unknown[] };
    expect(perToday.transfers).toEqual([{ familyId: 'f1', familyName: 'Familien Berg', to: 'Per Holm', from: 'Hanne Kjær', askedBy: 'Hanne Kjær', asked: '2026-11-24', note: 'Flytter til Nordbyen', toMe: true }]);
    expect(perToday.overdueGoals).toEqual([]); // still Hanne's
    expect(ok(['today', '--lang', 'da'], 'Per Holm')).toMatch(/Overdragelser \(1\)[\s\S]*Familien Berg\s+Hanne Kjær\s+Per Holm/);
    expect((json(['today'], 'Hanne Kjær') as { transfers: Array<{ toMe: boolean }> }).transfers).toEqual([expect.objectContaining({ toMe: false })]);

    const refused = run(['transfer', 'accept', 'f1'], 'Hanne Kjær');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the transfer of family f1 is to Per Holm: only they can accept it; nothing was written/);
    expect((json(['family', 'f1']) as { coordinator: string }).coordinator).toBe('Hanne Kjær');

    expect(ok(['transfer', 'accept', 'f1', '--lang', 'da'], 'Per Holm')).toMatch(/Gemt: overdragelse af f1 modtaget/);
    const after = json(['today'], 'Per Holm') as { transfers: unknown[]; overdueGoals: Array<{ id: string }> };
    expect(after.transfers).toEqual([]);
    expect(after.overdueGoals.map((g) => g.id)).toEqual(['g1']);

    ok(['transfer', 'f2', '--to', 'Hanne Kjær'], 'Per Holm');
    ok(['transfer', 'decline', 'f2', '--reason', 'Fuld sagsstamme'], 'Hanne Kjær');
    expect((json(['family', 'f2']) as { coordinator: string; transfer?: unknown }).transfer).toBeUndefined();
    expect(ok(['log'])).toMatch(/transfer\.decline/);
  });

  it.skipIf(!available)('proposes an intervention added without the authority; the holder approves it after seeing the overlap, or rejects it', async () => {
    const { run, ok, json } = await famcoordOn(store)();
    ok(['init']);
    ok(['families', 'add', '--name', 'Familien Berg', '--coordinator', 'Hanne Kjær', '--member', 'Mette Berg:adult']);
    ok(['contact', 'add', 'f1', '--sector', 'employment', '--subject', 'Praktik', '--opened', '2026-10-01']);
    ok(['contact', 'answer', 'c1', '--text', 'Ja', '--on', '2026-10-06']);
    ok(['intervention', 'add', 'f1', '--member', 'p1', '--sector', 'employment', '--kind', 'Mentorstøtte', '--from', '2026-09-01'], 'Hanne Kjær');
    expect(run(['family', 'authority', 'f1', '--sector', 'employment']).stderr).toMatch(/give --holder NAME or --coordinator/);
    ok(['family', 'authority', 'f1', '--sector', 'employment', '--holder', 'Lone Berg']);
    const added = json(['intervention', 'add', 'f1', '--member', 'p1', '--sector', 'employment', '--kind', 'Mentorstøtte', '--from', '2026-11-01'], 'Hanne Kjær') as { applied: Array<{ id: string }> };
    const id = added.applied[0]?.id as string;

    const plan = json(['family', 'f1']) as { interventions: Array<{ id: string; decision?: { status: string }; overlaps: boolean }>; collisions: unknown[] };
    expect(plan.interventions.find((iv) => iv.id === id)).toMatchObject({ decision: { status: 'proposed', proposedBy: 'Hanne Kjær' }, overlaps: false });
    expect(plan.collisions).toEqual([]);
    expect((json(['today'], 'Lone Berg') as { decisionsWaiting: Array<{ interventionId: string; holder: string }> }).decisionsWaiting).toEqual([expect.objectContaining({ interventionId: id, holder: 'Lone Berg' })]);
    expect((json(['team']) as { coordinators: unknown[] }).coordinators).toEqual([
      { coordinator: 'Hanne Kjær', families: 1, overdueGoals: 0, waitingContacts: 1, transfersOut: 0, transfersIn: 0, decisionsWaiting: 1, replyDays: { employment: { medianDays: 5, replied: 1 } } },
    ]);

    const notHolder = run(['intervention', 'approve', id], 'Hanne Kjær');
    expect(notHolder.code).toBe(2);
    expect(notHolder.stderr).toMatch(new RegExp(`the decision on intervention ${id} \\(employment\\) is Lone Berg's to make`));
    const approved = ok(['intervention', 'approve', id, '--reason', 'Passer til jobplanen'], 'Lone Berg');
    expect(approved).toMatch(new RegExp(`Once approved, it overlaps:\\n  i\\d+ and ${id}: Mentorstøtte twice from employment[\\s\\S]*Approved intervention ${id}`));
    expect((json(['family', 'f1']) as { collisions: unknown[] }).collisions).toHaveLength(1);
    expect(ok(['today'], 'Hanne Kjær')).toMatch(/Recent decisions \(1\)[\s\S]*Approved\s+Familien Berg/);

    const second = json(['intervention', 'add', 'f1', '--member', 'p1', '--sector', 'employment', '--kind', 'SKP', '--from', '2026-11-20'], 'Hanne Kjær') as { applied: Array<{ id: string }> };
    const other = second.applied[0]?.id as string;
    expect(run(['intervention', 'reject', other], 'Lone Berg').stderr).toMatch(/--reason is required/);
    ok(['intervention', 'reject', other, '--reason', 'Dækkes af mentorstøtten'], 'Lone Berg');
    expect(ok(['family', 'f1'])).toMatch(/SKP[^\n]*Rejected/);
    ok(['family', 'authority', 'f1', '--sector', 'employment', '--coordinator']);
    expect((json(['family', 'f1']) as { authority?: unknown }).authority).toBeUndefined();
  });
});
