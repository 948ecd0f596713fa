// Documents from where you are: on a family `w` writes its plan, on a meeting the minutes (A4
// HTML), and `K` the family's meetings from today on as a calendar. The same documents as the
// plan, minutes and calendar commands (src/domain/documents), written the same private way
// (writePrivateOutput), into the folder the workbench was started in, under a name that says
// what and whose; the status line shows the path.
import { join } from 'node:path';
import { calendarEntries, renderCalendar } from '../domain/documents/ical.js';
import { findMeeting, minutesDocument } from '../domain/documents/minutes.js';
import { renderDocument } from '../domain/documents/model.js';
import { planDocument } from '../domain/documents/plan.js';
import type { State } from '../domain/schema.js';
import { familyPlan } from '../domain/views.js';
import { StoreError } from '../store/errors.js';
import { writePrivateOutput } from '../store/outputFile.js';
import { outputProblem } from '../store/pathGuard.js';
import type { Lang } from './i18n.js';

export type ScreenDocument = { kind: 'plan'; familyId: string } | { kind: 'minutes'; meetingId: string } | { kind: 'calendar'; familyId: string };

export interface DocumentPlace {
  /** The folder documents go to. */
  folder: string;
  /** The store's path: a document never goes over it or a file beside it. */
  storePath: string;
  lang: Lang;
  today: string;
  timeZone: string;
}

const FILE_NAMES: Record<Lang, Record<ScreenDocument['kind'], (id: string) => string>> = {
  da: { plan: (id) => `familiens-plan-${id}.html`, minutes: (id) => `referat-${id}.html`, calendar: (id) => `moeder-${id}.ics` },
  en: { plan: (id) => `family-plan-${id}.html`, minutes: (id) => `minutes-${id}.html`, calendar: (id) => `meetings-${id}.ics` },
};

/** The document's name and text, or undefined when what it is about is not in the state. */
export function screenDocument(state: State, what: ScreenDocument, { lang, today, timeZone }: Omit<DocumentPlace, 'folder' | 'storePath'>): { name: string; text: string; count?: number } | undefined {
  switch (what.kind) {
    case 'plan': {
      const plan = familyPlan(state, what.familyId, today, timeZone);
      return plan && { name: FILE_NAMES[lang].plan(plan.id), text: renderDocument(planDocument(plan, { lang, today, timeZone }), 'html') };
    }
    case 'minutes': {
      const found = findMeeting(state, what.meetingId);
      return found && { name: FILE_NAMES[lang].minutes(found.meeting.id), text: renderDocument(minutesDocument(found.family, found.meeting, { lang, timeZone }), 'html') };
    }
    case 'calendar': {
      if (!state.families.some((f) => f.id === what.familyId)) return undefined;
      // As `famcoord calendar`: names left out, for calendars are synced to phones and shared.
      const entries = calendarEntries(state, { familyId: what.familyId, from: today, timeZone });
      return { name: FILE_NAMES[lang].calendar(what.familyId), text: renderCalendar(entries, { now: new Date(), names: false, lang }), count: entries.length };
    }
  }
}

/** Writes the document and returns its path; StoreError when it cannot be written there. */
export async function writeScreenDocument(state: State, what: ScreenDocument, place: DocumentPlace): Promise<{ path: string; count?: number }> {
  const document = screenDocument(state, what, place);
  if (!document) throw new StoreError('io', 'nothing to write: it is no longer in the store');
  const out = join(place.folder, document.name);
  if ((await outputProblem(out, place.storePath)) !== undefined) throw new StoreError('io', `${document.name} would be the store or a file beside it; nothing was written. Start famcoord in another folder`);
  return { path: await writePrivateOutput(out, document.text), ...(document.count !== undefined && { count: document.count }) };
}
