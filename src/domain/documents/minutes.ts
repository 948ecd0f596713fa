// A meeting's minutes (referat) as a document to send to the participants: when and where, who
// took part, what was said, and who does what by when.
import type { Family, Meeting, State } from '../schema.js';
import { ASSESSMENT_WORDS } from '../assessmentWords.js';
import { statusFormLines } from '../statusForm.js';
import { labelOf, SECTOR_LABELS, STATUS_FORM_STATUS_LABELS } from '../vocabulary.js';
import type { Block, DocumentModel } from './model.js';
import { longDate, longDateTime, meetingTypeWord, WORDS, type Lang } from './labels.js';

/** The meeting with this id and its family, or undefined. */
export function findMeeting(state: State, meetingId: string): { family: Family; meeting: Meeting } | undefined {
  for (const family of state.families) {
    const meeting = family.meetings.find((m) => m.id === meetingId);
    if (meeting) return { family, meeting };
  }
  return undefined;
}

export function minutesDocument(family: Family, meeting: Meeting, { lang, timeZone }: { lang: Lang; timeZone: string }): DocumentModel {
  const words = WORDS[lang];
  return {
    lang,
    title: `${words.minutesTitle}: ${meetingTypeWord(meeting.type, lang)}`,
    subtitle: `${family.name}, ${longDateTime(meeting.start, lang, timeZone)}`,
    blocks: [
      {
        kind: 'facts',
        facts: [
          [words.family, `${family.name} (${family.id})`],
          [words.type, meetingTypeWord(meeting.type, lang)],
          [words.when, longDateTime(meeting.start, lang, timeZone)],
          [words.duration, `${meeting.durationMin} ${words.minutesUnit}`],
          ...(meeting.place ? [[words.place, meeting.place] as [string, string]] : []),
        ],
      },
      { kind: 'heading', text: words.attendees },
      {
        kind: 'table',
        headers: [words.name, words.role, words.sector],
        rows: meeting.attendees.map((a) => [a.name, a.role ?? '', a.sector ? SECTOR_LABELS[a.sector][lang] : '']),
      },
      { kind: 'heading', text: words.minutesText },
      meeting.minutes.trim() ? { kind: 'text', text: meeting.minutes } : { kind: 'note', text: words.noMinutes },
      { kind: 'heading', text: words.agreements },
      meeting.agreements.length > 0
        ? {
            kind: 'table',
            headers: [words.who, words.what, words.byWhen],
            rows: meeting.agreements.map((a) => [a.who, a.what, a.due ? longDate(a.due, lang) : '']),
          }
        : { kind: 'note', text: words.noAgreements },
      ...statusFormBlocks(family, meeting, lang),
    ],
  };
}

/**
 * An FFS's status form, goal by goal: the family's view, each department's view, the agreed status.
 * Other meetings have none, and show nothing of it; an FFS without one says it is not filled in.
 */
export function statusFormBlocks(family: Family, meeting: Meeting, lang: Lang): Block[] {
  const lines = statusFormLines(family, meeting);
  if (meeting.type !== 'flerfagligt-statusmøde' && lines.length === 0) return [];
  const words = ASSESSMENT_WORDS[lang];
  if (lines.length === 0) return [{ kind: 'heading', text: words.statusForm }, { kind: 'note', text: words.noStatusForm }];
  return [
    { kind: 'heading', text: words.statusForm },
    ...lines.flatMap((line): Block[] => [
      { kind: 'subheading', text: line.memberName === undefined ? line.goalTitle : `${line.goalTitle} (${line.memberName})` },
      {
        kind: 'facts',
        facts: [
          [words.familyView, line.familyView ?? '–'],
          ...line.views.map((v): [string, string] => [labelOf(SECTOR_LABELS, v.sector, lang), v.view]),
          [words.agreedStatus, [line.agreedStatus === undefined ? undefined : labelOf(STATUS_FORM_STATUS_LABELS, line.agreedStatus, lang), line.agreed].filter(Boolean).join(': ') || '–'],
        ],
      },
    ]),
  ];
}
