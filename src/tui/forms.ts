// The update dialogs as data: each names its fields and how their values become one operation.
// One generic form (reducer + FormDialog component) serves them all, so recording progress,
// answering a contact or planning a meeting share the same keys and the same validation path.
import { parseLocalDateTime } from '../domain/dates.js';
import { numberOrText, observationFromText } from '../domain/input.js';
import type { RawOperation } from '../domain/operations.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import { AGREEMENT_STATUS_LABELS, AGREEMENT_STATUSES, GOAL_STATUS_LABELS, GOAL_STATUSES, MEETING_TYPE_LABELS, MEETING_TYPES, OBSERVATION_KIND_LABELS, OBSERVATION_KINDS, SECTOR_LABELS, SECTORS, type Labels } from '../domain/vocabulary.js';
import type { Lang, MessageKey } from './i18n.js';

export type Field =
  /** A text field; `multiline` keeps the line breaks of pasted text (Enter still saves). */
  | { name: string; label: MessageKey; kind: 'text'; multiline?: boolean }
  /** `labels`: the vocabulary's words for the options, so a choice shows "Beskæftigelse", not its code. */
  | { name: string; label: MessageKey; kind: 'choice'; options: readonly string[]; labels?: Labels<string> };

export interface DialogDefinition {
  title: MessageKey;
  fields: readonly Field[];
  /** Builds the operation from the typed values; validation happens after, on the operation. */
  toOperation(values: Readonly<Record<string, string>>, target: string, timeZone: string): RawOperation;
  /** Which form field an operation field comes from, to show a validation message beside it. */
  fieldOf?: Partial<Record<string, string>>;
}

/** What was typed in a field, or undefined when nothing was: validation then says the field is required. */
const typed = (text: string | undefined) => (text && text.trim() ? text.trim() : undefined);
const numeric = (text: string | undefined) => numberOrText(typed(text));
const optional = (name: string, text: string | undefined) => (typed(text) === undefined ? {} : { [name]: typed(text) });

export const DIALOGS = {
  progress: {
    title: 'recordProgress',
    fields: [
      { name: 'score', label: 'score', kind: 'text' },
      { name: 'note', label: 'note', kind: 'text' },
      { name: 'status', label: 'status', kind: 'choice', options: ['', ...GOAL_STATUSES], labels: GOAL_STATUS_LABELS },
    ],
    toOperation: (v, goalId) => ({ op: 'goal.progress', goalId, score: numeric(v.score), note: (v.note ?? '').trim(), ...optional('status', v.status) }),
  },
  answer: {
    title: 'answerContact',
    fields: [{ name: 'answer', label: 'answer', kind: 'text' }],
    toOperation: (v, contactId) => ({ op: 'contact.answer', contactId, answer: (v.answer ?? '').trim() }),
  },
  resolve: {
    title: 'resolveContact',
    fields: [{ name: 'resolution', label: 'resolution', kind: 'text' }],
    toOperation: (v, contactId) => ({ op: 'contact.resolve', contactId, resolution: (v.resolution ?? '').trim() }),
  },
  addGoal: {
    title: 'addGoal',
    fields: [
      { name: 'title', label: 'title', kind: 'text' },
      { name: 'sector', label: 'sector', kind: 'choice', options: SECTORS, labels: SECTOR_LABELS },
      { name: 'due', label: 'due', kind: 'text' },
    ],
    toOperation: (v, familyId) => ({ op: 'goal.add', familyId, title: (v.title ?? '').trim(), sector: v.sector, due: (v.due ?? '').trim() }),
  },
  addContact: {
    title: 'addContact',
    fields: [
      { name: 'subject', label: 'subject', kind: 'text' },
      { name: 'sector', label: 'sector', kind: 'choice', options: SECTORS, labels: SECTOR_LABELS },
      { name: 'replyBy', label: 'replyBy', kind: 'text' },
    ],
    toOperation: (v, familyId) => ({ op: 'contact.add', familyId, subject: (v.subject ?? '').trim(), sector: v.sector, ...optional('replyBy', v.replyBy) }),
  },
  addMeeting: {
    title: 'addMeeting',
    fields: [
      { name: 'type', label: 'type', kind: 'choice', options: MEETING_TYPES, labels: MEETING_TYPE_LABELS },
      { name: 'start', label: 'start', kind: 'text' },
      { name: 'place', label: 'place', kind: 'text' },
      { name: 'durationMin', label: 'duration', kind: 'text' },
    ],
    toOperation: (v, familyId, timeZone) => ({
      op: 'meeting.add',
      familyId,
      type: v.type,
      start: parseLocalDateTime(v.start ?? '', timeZone) ?? (v.start ?? '').trim(),
      place: (v.place ?? '').trim(),
      durationMin: numeric(v.durationMin || '60'),
    }),
  },
  minutesLine: {
    title: 'addLine',
    fields: [{ name: 'minutes', label: 'minutes', kind: 'text', multiline: true }],
    toOperation: (v, meetingId) => ({ op: 'meeting.minutes', meetingId, minutes: (v.minutes ?? '').trim(), append: true }),
  },
  observation: {
    title: 'addObservation',
    fields: [
      // The family's members are filled in when the dialog opens (DialogState.choices).
      { name: 'memberId', label: 'member', kind: 'choice', options: [] },
      { name: 'kind', label: 'indicator', kind: 'choice', options: OBSERVATION_KINDS, labels: OBSERVATION_KIND_LABELS },
      { name: 'value', label: 'value', kind: 'text' },
      { name: 'date', label: 'date', kind: 'text' },
    ],
    toOperation: (v) => ({ op: 'observation.add', memberId: v.memberId, ...observationFromText(v.kind, typed(v.value)), ...optional('date', v.date) }),
  },
  agreement: {
    title: 'addAgreement',
    fields: [
      { name: 'who', label: 'who', kind: 'text' },
      { name: 'what', label: 'what', kind: 'text' },
      { name: 'due', label: 'due', kind: 'text' },
    ],
    toOperation: (v, meetingId) => ({ op: 'meeting.agreement', meetingId, who: (v.who ?? '').trim(), what: (v.what ?? '').trim(), ...optional('due', v.due) }),
  },
  /** Opened with the agreement's values; agreement.update changes only those that differ. */
  editAgreement: {
    title: 'editAgreement',
    fields: [
      { name: 'who', label: 'who', kind: 'text' },
      { name: 'what', label: 'what', kind: 'text' },
      { name: 'due', label: 'due', kind: 'text' },
      { name: 'status', label: 'status', kind: 'choice', options: AGREEMENT_STATUSES, labels: AGREEMENT_STATUS_LABELS },
    ],
    toOperation: (v, agreementId) => ({ op: 'agreement.update', agreementId, who: (v.who ?? '').trim(), what: (v.what ?? '').trim(), ...optional('due', v.due), status: v.status }),
  },
} as const satisfies Record<string, DialogDefinition>;

export type DialogKind = keyof typeof DIALOGS;

export interface DialogState {
  kind: DialogKind;
  /** Choices known only when the dialog opens (a family's members), by field name. */
  choices?: Record<string, readonly string[]>;
  /** How to show a choice's value (a member id as their name). */
  labels?: Record<string, string>;
  /** The id the operation is about: a goal, contact, family or meeting. */
  target: string;
  values: Record<string, string>;
  /**
   * Text fields whose pre-filled value (the latest score, a meeting's start) is still selected:
   * the first key typed into one replaces it, as in any form, so "p7" records 7, not 57.
   */
  selected: readonly string[];
  focus: number;
  error?: { field?: string; message: string };
}

export type FormAction =
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'focus'; delta: number }
  | { type: 'choose'; delta: number }
  | { type: 'error'; field?: string; message: string };

export function openDialog(kind: DialogKind, target: string, initial: Record<string, string> = {}, dynamic: Pick<DialogState, 'choices' | 'labels'> = {}): DialogState {
  const values: Record<string, string> = {};
  for (const field of DIALOGS[kind].fields as readonly Field[])
    values[field.name] = initial[field.name] ?? (field.kind === 'choice' ? ((dynamic.choices?.[field.name] ?? field.options)[0] ?? '') : '');
  const selected = (DIALOGS[kind].fields as readonly Field[]).filter((f) => f.kind === 'text' && (values[f.name] ?? '') !== '').map((f) => f.name);
  return { kind, target, values, selected, focus: 0, ...dynamic };
}

/** How a dialog's choice fields show their options in `lang`: each vocabulary code by its label. */
export function choiceLabels(kind: DialogKind, lang: Lang): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const field of DIALOGS[kind].fields as readonly Field[])
    if (field.kind === 'choice' && field.labels) for (const option of field.options) if (option !== '') labels[option] = field.labels[option]?.[lang] ?? option;
  return labels;
}

/** The values a choice field offers in this dialog. */
export function optionsOf(state: DialogState, field: Field): readonly string[] {
  return field.kind === 'choice' ? (state.choices?.[field.name] ?? field.options) : [];
}

function focusedField(state: DialogState): Field {
  return (DIALOGS[state.kind].fields as readonly Field[])[state.focus] as Field;
}

/** Whether a dialog keeps pasted line breaks (its hint says so). */
export function takesSeveralLines(kind: DialogKind): boolean {
  return (DIALOGS[kind].fields as readonly Field[]).some((f) => f.kind === 'text' && f.multiline === true);
}

/** Typed or pasted text as a field keeps it: no escape sequences or control characters, and line
 * breaks only in a multi-line field (elsewhere a pasted line break becomes a space). */
function fieldText(field: Field, text: string): string {
  return field.kind === 'text' && field.multiline ? sanitizeText(text).replace(/\t/g, ' ') : sanitizeLine(text);
}

export function formReducer(state: DialogState, action: FormAction): DialogState {
  const field = focusedField(state);
  const fieldCount = DIALOGS[state.kind].fields.length;
  const set = (value: string) => ({ ...state, values: { ...state.values, [field.name]: value }, selected: state.selected.filter((name) => name !== field.name), error: undefined });
  // A selected pre-filled value is replaced by what is typed, and erased whole by one backspace.
  const current = state.selected.includes(field.name) ? '' : (state.values[field.name] ?? '');
  switch (action.type) {
    case 'type':
      return field.kind === 'text' ? set(current + fieldText(field, action.text)) : state;
    case 'backspace':
      return field.kind === 'text' ? set([...current].slice(0, -1).join('')) : state;
    case 'focus':
      return { ...state, focus: (state.focus + action.delta + fieldCount) % fieldCount };
    case 'choose': {
      const options = optionsOf(state, field);
      if (field.kind !== 'choice' || options.length === 0) return state;
      const at = options.indexOf(state.values[field.name] ?? '');
      return set(options[(at + action.delta + options.length) % options.length] as string);
    }
    case 'error': {
      const index = (DIALOGS[state.kind].fields as readonly Field[]).findIndex((f) => f.name === action.field);
      return { ...state, error: { ...(action.field !== undefined && { field: action.field }), message: action.message }, ...(index >= 0 && { focus: index }) };
    }
  }
}
