// The lead's overview (`famcoord team`, the workbench's `o`): per coordinator, how big the caseload
// is and what waits in it, and how fast the other departments have replied to their contacts.
// Pure; built a family at a time, so a municipality's store is never held at once.
import { compareDanish } from './collate.js';
import { addDays, daysBetween } from './dates.js';
import { coordinatorKey } from './people.js';
import { median, replyDate } from './report.js';
import { isContactUnresolved, isGoalOverdue } from './rules.js';
import type { Family } from './schema.js';
import { SECTORS, type Sector } from './vocabulary.js';

/** The period the reply times look back over. */
export const REPLY_WINDOW_DAYS = 90;

export interface SectorReplyTime {
  /** The median days from a contact's asking to its reply, over the replies in the window; null when none. */
  medianDays: number | null;
  replied: number;
}

export interface CoordinatorOverview {
  /** As the families name them; null for the families with no coordinator. */
  coordinator: string | null;
  families: number;
  overdueGoals: number;
  /** Unresolved cross-sector contacts (open or answered). */
  waitingContacts: number;
  /** Pending transfers out of the caseload, and to this coordinator. */
  transfersOut: number;
  transfersIn: number;
  /** Proposed interventions in the caseload, waiting for the authority's decision. */
  decisionsWaiting: number;
  /** Per sector with a reply in the last REPLY_WINDOW_DAYS. */
  replyDays: Partial<Record<Sector, SectorReplyTime>>;
}

export interface TeamOverview {
  date: string;
  /** Since when replies count (REPLY_WINDOW_DAYS before `date`). */
  repliesSince: string;
  coordinators: CoordinatorOverview[];
}

interface Tally extends Omit<CoordinatorOverview, 'replyDays'> {
  replies: Map<Sector, number[]>;
}

export class TeamOverviewRows {
  private readonly tallies = new Map<string, Tally>();
  private readonly since: string;

  constructor(private readonly today: string) {
    this.since = addDays(today, -REPLY_WINDOW_DAYS);
  }

  private tally(name: string | undefined): Tally {
    const key = name === undefined ? '' : coordinatorKey(name);
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { coordinator: name ?? null, families: 0, overdueGoals: 0, waitingContacts: 0, transfersOut: 0, transfersIn: 0, decisionsWaiting: 0, replies: new Map() };
      this.tallies.set(key, tally);
    }
    return tally;
  }

  add(family: Family): void {
    const tally = this.tally(family.coordinator);
    tally.families++;
    tally.overdueGoals += family.goals.filter((goal) => isGoalOverdue(goal, this.today)).length;
    tally.waitingContacts += family.contacts.filter(isContactUnresolved).length;
    tally.decisionsWaiting += family.interventions.filter((iv) => iv.decision?.status === 'proposed').length;
    if (family.transfer) {
      tally.transfersOut++;
      this.tally(family.transfer.to).transfersIn++;
    }
    for (const contact of family.contacts) {
      const reply = replyDate(contact);
      if (reply === undefined || reply < this.since || reply > this.today) continue;
      const days = tally.replies.get(contact.sector) ?? [];
      days.push(daysBetween(contact.opened, reply));
      tally.replies.set(contact.sector, days);
    }
  }

  /** By coordinator name; the families without one last. */
  view(): TeamOverview {
    const coordinators = [...this.tallies.values()]
      .map(({ replies, ...counts }): CoordinatorOverview => ({
        ...counts,
        replyDays: Object.fromEntries(SECTORS.flatMap((sector) => {
          const days = replies.get(sector);
          return days ? [[sector, { medianDays: median(days), replied: days.length }]] : [];
        })),
      }))
      .sort((a, b) => (a.coordinator === null ? 1 : b.coordinator === null ? -1 : compareDanish(a.coordinator, b.coordinator)));
    return { date: this.today, repliesSince: this.since, coordinators };
  }
}

export function teamOverview(families: Iterable<Family>, today: string): TeamOverview {
  const rows = new TeamOverviewRows(today);
  for (const family of families) rows.add(family);
  return rows.view();
}
