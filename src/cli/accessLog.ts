// famcoord access-log MEMBER_ID | --family FAMILY_ID [--reads]: what was changed about one person
// or family, when and by whom, and on a team's store who read it (for a citizen's request to know
// what is done with their data: "who has looked at my case?").
import type { Command } from 'commander';
import { changesAbout, type PersonChange } from '../domain/personLog.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { dayTimeText } from '../domain/dateFormat.js';
import { operationText } from '../domain/stepDescription.js';
import { StoreError } from '../store/errors.js';
import type { FamilyStore } from '../store/Store.js';
import { isTeamStore, type FamilyRead } from '../store/team.js';
import { createContext, type CliContext } from './context.js';
import { UsageError } from './errors.js';
import { requireLoggedFamily } from './known.js';
import { cliWords } from './labels.js';
import { formatTable } from './table.js';

/**
 * The logged reads of a family: undefined on a store file (one person's, reads are not logged)
 * and, unless `required`, for a login that may not see them (only the auditor and the owner may).
 */
async function readsOf(store: FamilyStore, familyId: string, required: boolean): Promise<FamilyRead[] | undefined> {
  if (!isTeamStore(store)) {
    if (required) throw new UsageError(`reads are logged on a team's PostgreSQL store; ${store.path} is one person's store, whose reads are not logged`);
    return undefined;
  }
  try {
    return await store.reads([familyId]);
  } catch (error) {
    if (required || !(error instanceof StoreError && error.kind === 'refused')) throw error;
    return undefined;
  }
}

function printReads(ctx: CliContext, reads: readonly FamilyRead[]): void {
  const words = cliWords(ctx.lang);
  ctx.print(
    formatTable<FamilyRead>([
      { header: words.when, value: (r) => dayTimeText(r.at, ctx.timeZone, ctx.lang, ctx.today) },
      { header: words.who, value: (r) => (r.person ? `${r.person} (${r.login})` : r.login), maxWidth: 36 },
      { header: ctx.lang === 'da' ? 'LÆST MED' : 'READ WITH', value: (r) => r.what },
      { header: ctx.lang === 'da' ? 'FAMILIE' : 'FAMILY', value: (r) => r.familyId },
    ], reads),
  );
}

function printChanges(ctx: CliContext, changes: readonly PersonChange[]): void {
  const words = cliWords(ctx.lang);
  ctx.print(
    formatTable<PersonChange>([
      { header: words.stepColumn, value: (c) => c.step, align: 'right' },
      { header: words.when, value: (c) => dayTimeText(c.time, ctx.timeZone, ctx.lang, ctx.today) },
      { header: words.who, value: (c) => c.user, maxWidth: 16 },
      { header: words.from, value: (c) => c.source },
      { header: words.operation, value: (c) => (ctx.lang === 'da' ? operationText(c.op, c.objectId, 'da') : c.op) },
      { header: words.on, value: (c) => c.objectId },
    ], changes),
  );
}

export function registerAccessLog(program: Command): void {
  program
    .command('access-log')
    .description('what was changed about one person (their goals, interventions, membership), when and by whom; on a team\'s store also who read their family')
    .argument('[MEMBER_ID]', 'the person, e.g. p7 (famcoord family FAMILY_ID lists members)')
    .option('--family <FAMILY_ID>', 'a whole family instead of one person')
    .option('--reads', 'only who read the family (famcoord family, plan, export, the workbench): logged on a team\'s PostgreSQL store, seen by its auditor')
    .addHelpText('after', '\nExamples:\n  famcoord access-log p7 --json\n  famcoord access-log --family f3 --reads')
    .action(async (memberId: string | undefined, options: { family?: string; reads?: boolean }, command: Command) => {
      const ctx = createContext(command);
      if ((memberId === undefined) === (options.family === undefined)) throw new UsageError('name one person (MEMBER_ID) or one family (--family FAMILY_ID), e.g. famcoord access-log --family f3 --reads');
      const store = await ctx.openStore();
      if (options.family !== undefined) {
        const familyId = options.family;
        if (options.reads) {
          const reads = (await readsOf(store, familyId, true)) as FamilyRead[];
          if (ctx.json) return ctx.printJson({ familyId, reads });
          if (reads.length === 0) return ctx.print(`No logged reads of family ${sanitizeLine(familyId)}.`);
          return printReads(ctx, reads);
        }
        const history = await store.history();
        await requireLoggedFamily(store, familyId, history);
        const steps = history.filter((entry) => entry.familyIds.includes(familyId));
        const changes = steps.flatMap((entry) => entry.ops.map((op): PersonChange => ({ step: entry.step, time: entry.time, user: entry.user, source: entry.source, op: op.op, objectId: familyId })));
        if (ctx.json) return ctx.printJson({ familyId, changes });
        if (changes.length === 0) return ctx.print(`No logged changes of family ${sanitizeLine(familyId)}.`);
        return printChanges(ctx, changes);
      }
      const member = memberId as string;
      // The auditor reads logs, not families: who read the person's family, found by ids alone.
      if (isTeamStore(store) && (await store.member())?.role === 'auditor') {
        const familyId = await store.familyOf(member);
        if (familyId === undefined) throw new UsageError(`there is no person ${member} in the store (famcoord access-log --family FAMILY_ID --reads names a family instead)`);
        const reads = await store.reads([familyId]);
        if (ctx.json) return ctx.printJson({ memberId: member, familyId, reads });
        if (reads.length === 0) return ctx.print(`No logged reads of ${sanitizeLine(member)}'s family ${familyId}.`);
        return printReads(ctx, reads);
      }
      const families = (await store.read()).families;
      const familyId = families.find((family) => family.members.some((m) => m.id === member))?.id;
      const reads = familyId === undefined ? undefined : await readsOf(store, familyId, options.reads === true);
      if (options.reads) {
        if (ctx.json) return ctx.printJson({ memberId: member, reads: reads ?? [] });
        if (!reads || reads.length === 0) return ctx.print(`No logged reads of ${sanitizeLine(member)}'s family.`);
        return printReads(ctx, reads);
      }
      const changes = changesAbout(member, await store.history(), families);
      if (ctx.json) return ctx.printJson({ memberId: member, changes, ...(reads && { reads }) });
      if (changes.length === 0) ctx.print(ctx.lang === 'da' ? `Ingen ændringer om ${sanitizeLine(member)} i loggen.` : `No logged changes about ${sanitizeLine(member)}.`);
      else printChanges(ctx, changes);
      if (reads && reads.length > 0) printReads(ctx, reads);
    });
}
