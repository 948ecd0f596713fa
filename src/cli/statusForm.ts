// famcoord meeting status-form MEETING_ID --goal GOAL_ID: one goal's row of a flerfagligt
// statusmøde's status form, filled in together during the meeting (printed with the minutes).
import type { Command } from 'commander';
import { parseStatusFormStatus } from '../domain/vocabulary.js';
import { applyOperations, appliedOp, collect, createContext } from './context.js';
import { UsageError } from './errors.js';
import { sectorFlag } from './parse.js';

/** "SECTOR:TEXT" → a department's view; "SECTOR:" (no text) takes that sector's view away. */
export function parseView(value: string): { sector: unknown; view: string } {
  const at = value.indexOf(':');
  if (at <= 0) throw new UsageError('--view must be "SECTOR:TEXT", e.g. --view "school:Fraværet er halveret."');
  return { sector: sectorFlag(value.slice(0, at).trim()), view: value.slice(at + 1).trim() };
}

export function registerStatusForm(meeting: Command): void {
  meeting
    .command('status-form')
    .description("fill in one goal's row of an FFS's status form: the family's view, each department's view, the agreed status")
    .argument('<MEETING_ID>', 'the flerfagligt statusmøde, e.g. m4')
    .option('--goal <GOAL_ID>', 'the goal of the row (required)')
    .option('--family-view <text>', "the family's view of how it goes (\"\" takes it away)")
    .option('--view <sector:text>', "a department's view, by its sector (repeatable; \"SECTOR:\" takes it away)", collect)
    .option('--status <status>', 'the agreed status: reached, on-track, unchanged or worse')
    .option('--agreed <text>', 'the agreed status in words')
    .addHelpText('after', '\nExample:\n  famcoord meeting status-form m4 --goal g12 --family-view "Det går bedre om morgenen." --view "school:Fraværet er halveret." --view "children:Familiebehandlingen virker." --status on-track --agreed "Godt på vej; fortsæt som nu."')
    .action(async (meetingId: string, o: { goal?: string; familyView?: string; view?: string[]; status?: string; agreed?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'statusform.set', meetingId, goalId: o.goal, ...(o.familyView !== undefined && { familyView: o.familyView }), ...(o.view !== undefined && { views: o.view.map(parseView) }), ...(o.status !== undefined && { agreedStatus: parseStatusFormStatus(o.status) ?? o.status }), ...(o.agreed !== undefined && { agreed: o.agreed }) }],
        { meetingId: 'MEETING_ID', goalId: '--goal', views: '--view', agreedStatus: '--status' },
        (r) => `Recorded the status form of goal ${appliedOp(r, 'statusform.set').goalId} at meeting ${meetingId}`,
      );
    });
}
