// famcoord plan FAMILY_ID: familiens plan as a document for the family and its network.
import type { Command } from 'commander';
import { renderDocument } from '../domain/documents/model.js';
import { planDocument } from '../domain/documents/plan.js';
import { familyPlan } from '../domain/views.js';
import { createContext } from './context.js';
import { deliverDocument, documentFormat, documentLang } from './documentOutput.js';
import { unknownFamily } from './known.js';

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description("familiens plan as a document for the family and its network: the goals by member with the plan each comes from, who is responsible, progress and the agreements serving it; who does what by when; next meetings")
    .argument('<FAMILY_ID>', 'the family, e.g. f3 (famcoord families lists them)')
    .option('--format <md|html>', 'Markdown, or an HTML page that prints on A4 (default: md, or html for an --out file ending in .html)')
    .option('--out <FILE>', 'write to this file (mode 0600) instead of printing')
    .addHelpText('after', '\nIn Danish unless --lang en.\n\nExamples:\n  famcoord plan f3\n  famcoord plan f3 --out familiens-plan.html\n  famcoord plan f3 --format md --lang en --out plan.md')
    .action(async (familyId: string, options: { format?: string; out?: string }, command: Command) => {
      const ctx = createContext(command);
      const format = documentFormat(options.format, options.out);
      const lang = documentLang(command);
      const store = await ctx.openStore();
      const plan = familyPlan(await store.read({ familyIds: [familyId] }), familyId, ctx.today, ctx.timeZone);
      if (!plan) throw await unknownFamily(store, familyId);
      await store.logRead?.([familyId], 'plan');
      const text = renderDocument(planDocument(plan, { lang, today: ctx.today, timeZone: ctx.timeZone }), format);
      await deliverDocument(ctx, text, options.out, (w) => w.plan(plan.id));
    });
}
