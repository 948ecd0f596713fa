// famcoord family ID: the whole family plan, as before a network meeting.
import type { Command } from 'commander';
import { dayText, dayTimeText } from '../domain/dateFormat.js';
import { familyPlan, type FamilyPlan, type OpenContact, type PlanGoal, type PlanIntervention } from '../domain/views.js';
import type { Meeting, Member } from '../domain/schema.js';
import { CONTACT_STATUS_LABELS, DECISION_STATUS_LABELS, GOAL_STATUS_LABELS, labelOf, MEMBER_ROLE_LABELS } from '../domain/vocabulary.js';
import { createContext, type Lang } from './context.js';
import { cliWords, kroner, meetingTypeLabel, sectorLabel } from './labels.js';
import { section } from './table.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { scoreSparkline } from '../domain/sparkline.js';
import { unknownFamily } from './known.js';
import { PLAN_SOURCE_LABELS } from '../domain/vocabulary.js';
import { COLLISION_KIND_LABELS, type Collision } from '../domain/collisions.js';
import { configuredPurposes } from './purposes.js';
import { registerAuthority } from './authority.js';
import { ASSESSMENT_WORDS, assessmentLine } from '../domain/assessmentWords.js';

export function renderFamilyPlan(plan: FamilyPlan, lang: Lang, timeZone: string, today: string): string {
  const w = cliWords(lang);
  const day = (date: string) => dayText(date, lang, today);
  return [
    // Under the name, where the family is in its assessment once one is started (famcoord assessment show has it all).
    `${sanitizeLine(plan.name)} (${plan.id})${plan.coordinator ? `, ${w.coordinator} ${sanitizeLine(plan.coordinator)}` : ''}\n` +
      (plan.assessment ? `${ASSESSMENT_WORDS[lang].assessment}: ${assessmentLine(plan.assessment, lang, 3)}\n` : ''),
    section<Member>(w.members, [
      { header: 'ID', value: (m) => m.id },
      { header: w.name, value: (m) => m.name },
      { header: w.role, value: (m) => labelOf(MEMBER_ROLE_LABELS, m.role, lang) },
      { header: w.born, value: (m) => (m.born ? day(m.born) : '') },
    ], plan.members),
    section<PlanGoal>(w.familyGoals, [
      { header: '#', value: (g) => g.priority, align: 'right' },
      { header: 'ID', value: (g) => g.id },
      { header: w.goal, value: (g) => g.title, maxWidth: 48 },
      { header: w.for, value: (g) => g.memberName ?? w.wholeFamily, maxWidth: 18 },
      { header: w.sector, value: (g) => sectorLabel(g.sector, lang) },
      { header: w.source, value: (g) => (g.source ? PLAN_SOURCE_LABELS[g.source][lang] : '') },
      { header: w.responsible, value: (g) => [g.department, g.caseworker].filter(Boolean).join(', '), maxWidth: 30 },
      { header: w.due, value: (g) => `${day(g.due)}${g.daysOverdue > 0 ? ` (${g.daysOverdue}${w.daysOver})` : ''}` },
      { header: w.status, value: (g) => labelOf(GOAL_STATUS_LABELS, g.status, lang) },
      { header: w.progress, value: (g) => `${scoreSparkline(g.progress.map((p) => p.score))} ${g.progress.at(-1)?.score ?? '-'}/10` },
    ], plan.goals),
    section<Meeting>(w.upcomingMeetings, [
      { header: 'ID', value: (m) => m.id },
      { header: w.when, value: (m) => dayTimeText(m.start, timeZone, lang, today) },
      { header: w.type, value: (m) => meetingTypeLabel(m.type, lang) },
      { header: w.place, value: (m) => m.place, maxWidth: 30 },
      { header: w.attendees, value: (m) => m.attendees.length, align: 'right' },
    ], plan.upcomingMeetings),
    section<OpenContact>(w.openContacts, [
      { header: 'ID', value: (c) => c.id },
      { header: w.sector, value: (c) => sectorLabel(c.sector, lang) },
      { header: w.subject, value: (c) => c.subject, maxWidth: 44 },
      { header: w.waiting, value: (c) => `${c.daysWaiting}${w.daysUnit}`, align: 'right' },
      { header: w.replyBy, value: (c) => (c.replyBy ? `${day(c.replyBy)}${c.replyByPassed ? ' !' : ''}` : '') },
      { header: w.status, value: (c) => labelOf(CONTACT_STATUS_LABELS, c.status, lang) },
      { header: w.consent, value: (c) => (c.consentMissing ? w.missing : 'ok') },
    ], plan.openContacts),
    section<FamilyPlan['consents'][number]>(w.consents, [
      { header: 'ID', value: (k) => k.id },
      { header: w.sectors, value: (k) => k.sectors.map((s) => sectorLabel(s, lang)).join(', '), maxWidth: 60 },
      { header: w.given, value: (k) => day(k.given) },
      { header: w.until, value: (k) => day(k.until) },
      { header: w.state, value: (k) => (k.revoked ? `${w.revoked} ${day(k.revoked)}` : k.valid ? w.valid : w.notValidToday) },
    ], plan.consents),
    section<PlanIntervention>(w.interventions, [
      { header: 'ID', value: (i) => i.id },
      { header: w.for, value: (i) => i.memberName ?? i.memberId, maxWidth: 18 },
      { header: w.sector, value: (i) => sectorLabel(i.sector, lang) },
      { header: w.kind, value: (i) => i.kind, maxWidth: 32 },
      { header: w.from, value: (i) => day(i.from) },
      { header: w.to, value: (i) => (i.to ? day(i.to) : '') },
      { header: w.source, value: (i) => (i.source ? PLAN_SOURCE_LABELS[i.source][lang] : '') },
      { header: w.cost, value: (i) => (i.cost ? `${kroner(i.cost.dkk)} ${i.cost.per === 'month' ? w.perMonth : w.inAll}${i.payer && i.payer !== i.sector ? `, ${w.paidBy} ${sectorLabel(i.payer, lang)}` : ''}` : ''), maxWidth: 40 },
      { header: w.overlap, value: (i) => (i.overlaps ? w.overlaps : '') },
      { header: w.decision, value: (i) => (i.decision ? labelOf(DECISION_STATUS_LABELS, i.decision.status, lang) : '') },
    ], plan.interventions),
    section<Collision>(w.collisions, [
      { header: 'ID', value: (c) => c.ids.join(' ') },
      // English, with codes: the reason itself is for --json; people read what the kind means.
      { header: w.why, value: (c) => (lang === 'en' ? c.reason : COLLISION_KIND_LABELS[c.kind][lang]), maxWidth: 100 },
    ], plan.collisions),
  ].join('\n');
}

export function registerFamily(program: Command): void {
  const family = program
    .command('family')
    .description('the whole family plan: members, goals with progress, meetings, contacts, interventions')
    .argument('<FAMILY_ID>', 'the family, e.g. f3 (famcoord families lists them)')
    .addHelpText('after', '\nExample:\n  famcoord family f3 --json')
    .action(async (familyId: string, _options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const plan = familyPlan(await store.read({ familyIds: [familyId] }), familyId, ctx.today, ctx.timeZone, await configuredPurposes());
      if (!plan) throw await unknownFamily(store, familyId);
      await store.logRead?.([familyId], 'family');
      if (ctx.json) await ctx.printJson(plan);
      else ctx.print(renderFamilyPlan(plan, ctx.lang, ctx.timeZone, ctx.today));
    });
  registerAuthority(family);
}
