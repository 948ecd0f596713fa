// famcoord family ID: the whole family plan, as before a network meeting.
import type { Command } from 'commander';
import { wallClock } from '../domain/dates.js';
import { familyPlan, type FamilyPlan, type OpenContact, type PlanGoal, type PlanIntervention } from '../domain/views.js';
import type { Meeting, Member } from '../domain/schema.js';
import { createContext, type Lang } from './context.js';
import { kroner, meetingTypeLabel, sectorLabel } from './labels.js';
import { section } from './table.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { scoreSparkline } from '../domain/sparkline.js';
import { unknownFamily } from './known.js';
import { PLAN_SOURCE_LABELS } from '../domain/vocabulary.js';
import type { Collision } from '../domain/collisions.js';
import { configuredPurposes } from './purposes.js';

export function renderFamilyPlan(plan: FamilyPlan, lang: Lang, timeZone: string): string {
  const when = (m: Meeting) => {
    const local = wallClock(m.start, timeZone);
    return `${local.date} ${local.time}`;
  };
  return [
    `${sanitizeLine(plan.name)} (${plan.id})${plan.coordinator ? `, coordinator ${sanitizeLine(plan.coordinator)}` : ''}\n`,
    section<Member>('Members', [
      { header: 'ID', value: (m) => m.id },
      { header: 'NAME', value: (m) => m.name },
      { header: 'ROLE', value: (m) => m.role },
      { header: 'BORN', value: (m) => m.born },
    ], plan.members),
    section<PlanGoal>("The family's goals", [
      { header: '#', value: (g) => g.priority, align: 'right' },
      { header: 'ID', value: (g) => g.id },
      { header: 'GOAL', value: (g) => g.title, maxWidth: 48 },
      { header: 'FOR', value: (g) => g.memberName ?? '(family)', maxWidth: 18 },
      { header: 'SECTOR', value: (g) => sectorLabel(g.sector, lang) },
      { header: 'SOURCE', value: (g) => (g.source ? PLAN_SOURCE_LABELS[g.source][lang] : '') },
      { header: 'RESPONSIBLE', value: (g) => [g.department, g.caseworker].filter(Boolean).join(', '), maxWidth: 30 },
      { header: 'DUE', value: (g) => `${g.due}${g.daysOverdue > 0 ? ` (${g.daysOverdue}d over)` : ''}` },
      { header: 'STATUS', value: (g) => g.status },
      { header: 'PROGRESS', value: (g) => `${scoreSparkline(g.progress.map((p) => p.score))} ${g.progress.at(-1)?.score ?? '-'}/10` },
    ], plan.goals),
    section<Meeting>('Upcoming meetings', [
      { header: 'ID', value: (m) => m.id },
      { header: 'WHEN', value: when },
      { header: 'TYPE', value: (m) => meetingTypeLabel(m.type) },
      { header: 'PLACE', value: (m) => m.place, maxWidth: 30 },
      { header: 'ATTENDEES', value: (m) => m.attendees.length, align: 'right' },
    ], plan.upcomingMeetings),
    section<OpenContact>('Open contacts', [
      { header: 'ID', value: (c) => c.id },
      { header: 'SECTOR', value: (c) => sectorLabel(c.sector, lang) },
      { header: 'SUBJECT', value: (c) => c.subject, maxWidth: 44 },
      { header: 'WAITING', value: (c) => `${c.daysWaiting}d`, align: 'right' },
      { header: 'REPLY BY', value: (c) => (c.replyBy ? `${c.replyBy}${c.replyByPassed ? ' !' : ''}` : '') },
      { header: 'STATUS', value: (c) => c.status },
      { header: 'CONSENT', value: (c) => (c.consentMissing ? 'MISSING' : 'ok') },
    ], plan.openContacts),
    section<FamilyPlan['consents'][number]>('Consents (samtykke)', [
      { header: 'ID', value: (k) => k.id },
      { header: 'SECTORS', value: (k) => k.sectors.map((s) => sectorLabel(s, lang)).join(', '), maxWidth: 60 },
      { header: 'GIVEN', value: (k) => k.given },
      { header: 'UNTIL', value: (k) => k.until },
      { header: 'STATE', value: (k) => (k.revoked ? `revoked ${k.revoked}` : k.valid ? 'valid' : 'not valid today') },
    ], plan.consents),
    section<PlanIntervention>('Interventions', [
      { header: 'ID', value: (i) => i.id },
      { header: 'FOR', value: (i) => i.memberName ?? i.memberId, maxWidth: 18 },
      { header: 'SECTOR', value: (i) => sectorLabel(i.sector, lang) },
      { header: 'KIND', value: (i) => i.kind, maxWidth: 32 },
      { header: 'FROM', value: (i) => i.from },
      { header: 'TO', value: (i) => i.to ?? '' },
      { header: 'SOURCE', value: (i) => (i.source ? PLAN_SOURCE_LABELS[i.source][lang] : '') },
      { header: 'COST', value: (i) => (i.cost ? `${kroner(i.cost.dkk)} ${i.cost.per === 'month' ? 'a month' : 'in all'}${i.payer && i.payer !== i.sector ? `, paid by ${sectorLabel(i.payer, lang)}` : ''}` : ''), maxWidth: 40 },
      { header: 'OVERLAP', value: (i) => (i.overlaps ? 'OVERLAPS' : '') },
    ], plan.interventions),
    section<Collision>('Collisions', [
      { header: 'KIND', value: (c) => c.kind },
      { header: 'IDS', value: (c) => c.ids.join(' ') },
      { header: 'WHY', value: (c) => c.reason, maxWidth: 100 },
    ], plan.collisions),
  ].join('\n');
}

export function registerFamily(program: Command): void {
  program
    .command('family')
    .description('the whole family plan: members, goals with progress, meetings, contacts, interventions')
    .argument('<FAMILY_ID>', 'the family, e.g. f3 (famcoord families lists them)')
    .addHelpText('after', '\nExample:\n  famcoord family f3 --json')
    .action(async (familyId: string, _options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const plan = familyPlan(await store.read({ familyIds: [familyId] }), familyId, ctx.today, ctx.timeZone, await configuredPurposes());
      if (!plan) throw await unknownFamily(store, familyId);
      if (ctx.json) await ctx.printJson(plan);
      else ctx.print(renderFamilyPlan(plan, ctx.lang, ctx.timeZone));
    });
}
