// The update dialogs as data: each names its fields and how their values become one operation.
// One generic form (reducer + FormDialog component) serves them all, so recording progress,
// answering a contact or planning a meeting share the same keys and the same validation path.
// A dialog may repeat a group of fields (a meeting's attendees, a consent's sectors): a new empty
// group appears when the last one is filled in, so there is always room for one more.
import { parseLocalDateTime } from '../domain/dates.js';
import { numberOrText, observationFromText } from '../domain/input.js';
import type { RawOperation } from '../domain/operations.js';
import { ownValue } from '../domain/own.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import { AGREEMENT_STATUSES, ASSESSMENT_METHODS, CASE_EVENTS, GOAL_STATUSES, MEETING_TYPES, OBSERVATION_KINDS, SECTION_STATUSES, SECTORS, STATUS_FORM_STATUSES } from '../domain/vocabulary.js';
import type { MessageKey } from './i18n.js';
import { editText, type TextEdit } from './textEdit.js';

/** The vocabulary a choice field's codes come from: FormDialog shows them by their labels. */
export type Vocabulary = 'sector' | 'meetingType' | 'goalStatus' | 'agreementStatus' | 'observationKind' | 'caseEvent' | 'assessmentMethod' | 'sectionStatus' | 'statusFormStatus';

export type Field =
  /** A text field; `multiline` keeps line breaks (pasted, or Ctrl-J); Enter still saves. */
  /** `invalid` is what to say under it when the operation refuses its value, where the schema's words
   * describe the operation's form of it rather than what is typed here (a start time's offset). */
  | { name: string; label: MessageKey; kind: 'text'; multiline?: boolean; invalid?: MessageKey }
  /**
   * A choice of fixed values, cycled with ←/→. `vocabulary` names their labels; the empty
   * value, where offered, is shown as `emptyLabel` ("(whole family)", "(unchanged)").
   */
  | { name: string; label: MessageKey; kind: 'choice'; options: readonly string[]; vocabulary?: Vocabulary; emptyLabel?: MessageKey };

/** A field as the dialog shows it; in a repeated group it carries the group's number (0 = first). */
export type DialogField = Field & { group?: number };

/** Fields repeated as groups, each named `${name}${index}.${field}` ("attendee1.sector"). */
export interface RepeatedGroup {
  name: string;
  fields: readonly Field[];
  /** Groups shown when the dialog opens with none filled in. */
  min: number;
  max: number;
}

export type Values = Readonly<Record<string, string>>;

export interface DialogDefinition {
  title: MessageKey;
  fields: readonly Field[];
  repeat?: RepeatedGroup;
  /**
   * Whether the operation overwrites values the dialog opened with: only the fields changed in it
   * (an edit), or every field (a step of the assessment). Such a save is refused when another
   * window changed a field it would overwrite since the dialog opened (changedElsewhere).
   */
  overwrites?: 'changed' | 'every';
  /** Builds the operation from the typed values; validation happens after, on the operation. */
  toOperation(values: Values, target: string, timeZone: string, dialog: DialogState): RawOperation;
}

/** What was typed in a field, or undefined when nothing was: validation then says the field is required. */
const typed = (text: string | undefined) => (text && text.trim() ? text.trim() : undefined);
const numeric = (text: string | undefined) => numberOrText(typed(text));
const optional = (name: string, text: string | undefined) => (typed(text) === undefined ? {} : { [name]: typed(text) });
/** A "YYYY-MM-DD HH:MM" typed in the local time zone as an instant with offset (else as typed, for validation to name). */
const startOf = (text: string | undefined, timeZone: string) => parseLocalDateTime(text ?? '', timeZone) ?? (text ?? '').trim();

const ANY_SECTOR = ['', ...SECTORS] as const;
const sectorChoice = (name: string, label: MessageKey, options: readonly string[] = SECTORS): Field => ({ name, label, kind: 'choice', options, vocabulary: 'sector', emptyLabel: 'noChoice' });
/** The family's members, filled in when the dialog opens (DialogState.choices); '' is the whole family. */
const memberChoice = (emptyLabel?: MessageKey): Field => ({ name: 'memberId', label: 'member', kind: 'choice', options: [], ...(emptyLabel && { emptyLabel }) });
/** 1 … one past the family's goals, filled in when the dialog opens; '' puts a new goal last. */
const priorityChoice: Field = { name: 'priority', label: 'priority', kind: 'choice', options: [], emptyLabel: 'lastPriority' };
const meetingTypeChoice: Field = { name: 'type', label: 'type', kind: 'choice', options: MEETING_TYPES, vocabulary: 'meetingType' };

/** The groups of a repeated set of fields, in order, leaving out those left empty. */
export function groupValues(values: Values, group: RepeatedGroup): Array<Record<string, string>> {
  const groups: Array<Record<string, string>> = [];
  for (let index = 0; group.fields.some((f) => `${group.name}${index}.${f.name}` in values); index++)
    groups.push(Object.fromEntries(group.fields.map((f) => [f.name, (values[`${group.name}${index}.${f.name}`] ?? '').trim()])));
  return groups.filter((g) => Object.values(g).some((v) => v !== ''));
}

/** The values of a repeated group as `openDialog` takes them, from a list (a meeting's attendees). */
export function groupInitial(group: RepeatedGroup, items: ReadonlyArray<Readonly<Record<string, unknown>>>): Record<string, string> {
  return Object.fromEntries(items.flatMap((item, index) => group.fields.map((f) => [`${group.name}${index}.${f.name}`, String(item[f.name] ?? '')])));
}

/** Whether a field's value differs from the one the dialog opened with. */
const changed = (dialog: DialogState, name: string) => (dialog.values[name] ?? '').trim() !== (dialog.initial[name] ?? '').trim();
/** Whether saving the dialog overwrites values it opened with (see DialogDefinition.overwrites). */
export const overwritesOnSave = (kind: DialogKind) => definitionOf(kind).overwrites !== undefined;

/**
 * The fields this dialog would overwrite that the store changed since the dialog opened (`now`:
 * the same dialog opened on the store as it is at the save): the other window's value would be
 * lost unseen. An edit overwrites only the fields changed in it, so a field only the store changed
 * is safe; a dialog that sends every field would put the old value back. A repeated group (the
 * attendees) is sent whole, so a change anywhere in it counts, named by the first field the store changed.
 */
export function changedElsewhere(dialog: DialogState, now: DialogState): DialogField[] {
  const same = (a: Values, b: Values, name: string) => (a[name] ?? '').trim() === (b[name] ?? '').trim();
  const { repeat, overwrites } = definitionOf(dialog.kind);
  const sent = (name: string) => overwrites === 'every' || !same(dialog.values, dialog.initial, name);
  // Sent, changed in the store, and to another value than the one sent (the same value overwrites nothing).
  const clash = (name: string) => overwrites !== undefined && sent(name) && !same(now.initial, dialog.initial, name) && !same(dialog.values, now.initial, name);
  const fields = dialogFields(dialog);
  const clashes = fields.filter((f) => f.group === undefined && clash(f.name));
  if (repeat) {
    const groupsOf = (values: Values) => JSON.stringify(groupValues(values, repeat));
    const [ours, theirs, before] = [groupsOf(dialog.values), groupsOf(now.initial), groupsOf(dialog.initial)];
    const storeMoved = dialogFields(now).find((f) => f.group !== undefined && !same(now.initial, dialog.initial, f.name));
    if (overwrites !== undefined && (overwrites === 'every' || ours !== before) && theirs !== before && ours !== theirs) clashes.push(storeMoved ?? (fields.find((f) => f.group !== undefined) as DialogField));
  }
  return clashes;
}

/** The field under its operation name when it was changed, converted. */
const ifChanged = (dialog: DialogState, name: string, key: string, value: unknown) => (changed(dialog, name) ? { [key]: value } : {});

const ATTENDEES: RepeatedGroup = {
  name: 'attendee',
  fields: [
    { name: 'name', label: 'attendeeName', kind: 'text' },
    sectorChoice('sector', 'attendeeSector', ANY_SECTOR),
    { name: 'role', label: 'attendeeRole', kind: 'text' },
  ],
  min: 2,
  max: 8,
};

const attendeesOf = (values: Values) => groupValues(values, ATTENDEES).map((a) => ({ name: a.name, ...(a.sector && { sector: a.sector }), ...(a.role && { role: a.role }) }));
const meetingFields: readonly Field[] = [
  meetingTypeChoice,
  { name: 'start', label: 'start', kind: 'text', invalid: 'startInvalid' },
  { name: 'durationMin', label: 'duration', kind: 'text' },
  { name: 'place', label: 'place', kind: 'text' },
];

/** The departments' views on an FFS's status form: one group per department, by its sector. */
const DEPARTMENT_VIEWS: RepeatedGroup = {
  name: 'view',
  fields: [sectorChoice('sector', 'viewSector', ANY_SECTOR), { name: 'view', label: 'viewText', kind: 'text' }],
  min: 1,
  max: SECTORS.length,
};

/**
 * One goal's row of the status form. On the goal the dialog opened with, a field or a department's
 * view emptied takes it away; on another goal chosen in the dialog, only what is typed is set.
 */
function statusFormOperation(v: Values, meetingId: string, dialog: DialogState): RawOperation {
  const sameGoal = v.goalId === dialog.initial.goalId;
  const field = (name: string) => (typed(v[name]) !== undefined ? { [name]: typed(v[name]) } : sameGoal && changed(dialog, name) ? { [name]: '' } : {});
  const views = groupValues(v, DEPARTMENT_VIEWS).map((g) => ({ sector: g.sector, view: g.view }));
  const removed = sameGoal ? groupValues(dialog.initial, DEPARTMENT_VIEWS).filter((g) => !views.some((view) => view.sector === g.sector)).map((g) => ({ sector: g.sector, view: '' })) : [];
  return {
    op: 'statusform.set',
    meetingId,
    goalId: v.goalId,
    ...field('familyView'),
    ...optional('agreedStatus', v.agreedStatus),
    ...field('agreed'),
    ...(views.length + removed.length > 0 && { views: [...views, ...removed] }),
  };
}

const CONSENT_SECTORS: RepeatedGroup = { name: 'consent', fields: [sectorChoice('sector', 'consentSector', ANY_SECTOR)], min: 1, max: SECTORS.length };

export const DIALOGS = {
  progress: {
    title: 'recordProgress',
    fields: [
      { name: 'score', label: 'score', kind: 'text' },
      { name: 'note', label: 'note', kind: 'text' },
      { name: 'status', label: 'status', kind: 'choice', options: ['', ...GOAL_STATUSES], vocabulary: 'goalStatus', emptyLabel: 'unchanged' },
    ],
    toOperation: (v, goalId) => ({ op: 'goal.progress', goalId, score: numeric(v.score), note: (v.note ?? '').trim(), ...optional('status', v.status) }),
  },
  answer: {
    title: 'answerContact',
    fields: [{ name: 'answer', label: 'answer', kind: 'text', multiline: true }],
    toOperation: (v, contactId) => ({ op: 'contact.answer', contactId, answer: (v.answer ?? '').trim() }),
  },
  resolve: {
    title: 'resolveContact',
    fields: [{ name: 'resolution', label: 'resolution', kind: 'text', multiline: true }],
    toOperation: (v, contactId) => ({ op: 'contact.resolve', contactId, resolution: (v.resolution ?? '').trim() }),
  },
  cancelContact: {
    title: 'cancelContact',
    fields: [{ name: 'reason', label: 'reason', kind: 'text' }],
    toOperation: (v, contactId) => ({ op: 'contact.cancel', contactId, reason: (v.reason ?? '').trim() }),
  },
  addGoal: {
    title: 'addGoal',
    fields: [{ name: 'title', label: 'title', kind: 'text' }, memberChoice('wholeFamily'), sectorChoice('sector', 'sector'), { name: 'due', label: 'due', kind: 'text' }, priorityChoice],
    toOperation: (v, familyId) => ({ op: 'goal.add', familyId, title: (v.title ?? '').trim(), sector: v.sector, due: (v.due ?? '').trim(), ...optional('memberId', v.memberId), ...(typed(v.priority) && { priority: numeric(v.priority) }) }),
  },
  editGoal: {
    title: 'editGoal',
    overwrites: 'changed',
    fields: [
      { name: 'title', label: 'title', kind: 'text' },
      { name: 'due', label: 'due', kind: 'text' },
      memberChoice('wholeFamily'),
      { ...priorityChoice, emptyLabel: 'noChoice' },
      { name: 'status', label: 'status', kind: 'choice', options: GOAL_STATUSES, vocabulary: 'goalStatus' },
      sectorChoice('sector', 'sector'),
    ],
    // Only what was changed: the log says what the edit did, and an edit that changed nothing is refused.
    toOperation: (v, goalId, _timeZone, dialog) => ({
      op: 'goal.update',
      goalId,
      ...ifChanged(dialog, 'title', 'title', (v.title ?? '').trim()),
      ...ifChanged(dialog, 'due', 'due', (v.due ?? '').trim()),
      ...ifChanged(dialog, 'memberId', 'memberId', typed(v.memberId) ?? null),
      ...ifChanged(dialog, 'priority', 'priority', numeric(v.priority)),
      ...ifChanged(dialog, 'status', 'status', v.status),
      ...ifChanged(dialog, 'sector', 'sector', v.sector),
    }),
  },
  addContact: {
    title: 'addContact',
    fields: [
      { name: 'subject', label: 'subject', kind: 'text' },
      sectorChoice('sector', 'sector'),
      { name: 'department', label: 'department', kind: 'text' },
      { name: 'replyBy', label: 'replyBy', kind: 'text' },
    ],
    toOperation: (v, familyId) => ({ op: 'contact.add', familyId, subject: (v.subject ?? '').trim(), sector: v.sector, ...optional('department', v.department), ...optional('replyBy', v.replyBy) }),
  },
  addMeeting: {
    title: 'addMeeting',
    fields: meetingFields,
    repeat: ATTENDEES,
    toOperation: (v, familyId, timeZone) => ({
      op: 'meeting.add',
      familyId,
      type: v.type,
      start: startOf(v.start, timeZone),
      place: (v.place ?? '').trim(),
      durationMin: numeric(v.durationMin || '60'),
      attendees: attendeesOf(v),
    }),
  },
  editMeeting: {
    title: 'editMeeting',
    overwrites: 'changed',
    fields: meetingFields,
    repeat: ATTENDEES,
    toOperation: (v, meetingId, timeZone, dialog) => ({
      op: 'meeting.update',
      meetingId,
      ...ifChanged(dialog, 'type', 'type', v.type),
      ...ifChanged(dialog, 'start', 'start', startOf(v.start, timeZone)),
      ...ifChanged(dialog, 'durationMin', 'durationMin', numeric(v.durationMin)),
      ...ifChanged(dialog, 'place', 'place', (v.place ?? '').trim()),
      ...(JSON.stringify(attendeesOf(v)) !== JSON.stringify(attendeesOf(dialog.initial)) && { attendees: attendeesOf(v) }),
    }),
  },
  approveIntervention: {
    title: 'approveIntervention',
    fields: [{ name: 'reason', label: 'reason', kind: 'text' }],
    toOperation: (v, interventionId) => ({ op: 'intervention.approve', interventionId, ...optional('reason', v.reason) }),
  },
  rejectIntervention: {
    title: 'rejectIntervention',
    fields: [{ name: 'reason', label: 'reason', kind: 'text' }],
    toOperation: (v, interventionId) => ({ op: 'intervention.reject', interventionId, reason: (v.reason ?? '').trim() }),
  },
  declineTransfer: {
    title: 'declineTransfer',
    fields: [{ name: 'reason', label: 'reason', kind: 'text' }],
    toOperation: (v, familyId) => ({ op: 'transfer.decline', familyId, ...optional('reason', v.reason) }),
  },
  askTransfer: {
    title: 'askTransfer',
    fields: [{ name: 'to', label: 'transferToName', kind: 'text' }, { name: 'note', label: 'note', kind: 'text' }],
    toOperation: (v, familyId) => ({ op: 'family.transfer', familyId, to: (v.to ?? '').trim(), ...optional('note', v.note) }),
  },
  minutesLine: {
    title: 'addLine',
    fields: [{ name: 'minutes', label: 'minutes', kind: 'text', multiline: true }],
    toOperation: (v, meetingId) => ({ op: 'meeting.minutes', meetingId, minutes: (v.minutes ?? '').trim(), append: true }),
  },
  editLine: {
    title: 'editLine',
    fields: [{ name: 'text', label: 'lineText', kind: 'text', multiline: true }],
    // The line as it was read goes with the edit: if another window changed it meanwhile, the edit is refused.
    toOperation: (v, meetingId, _timeZone, dialog) => ({ op: 'minutes.edit', meetingId, line: Number(dialog.about?.line), text: (v.text ?? '').trim(), was: dialog.about?.was ?? '' }),
  },
  observation: {
    title: 'addObservation',
    fields: [
      memberChoice(),
      { name: 'kind', label: 'indicator', kind: 'choice', options: OBSERVATION_KINDS, vocabulary: 'observationKind' },
      { name: 'value', label: 'value', kind: 'text' },
      { name: 'date', label: 'date', kind: 'text' },
    ],
    toOperation: (v) => ({ op: 'observation.add', memberId: v.memberId, ...observationFromText(v.kind, typed(v.value)), ...optional('date', v.date) }),
  },
  caseEvent: {
    title: 'addCaseEvent',
    fields: [memberChoice(), { name: 'kind', label: 'caseEvent', kind: 'choice', options: CASE_EVENTS, vocabulary: 'caseEvent' }, { name: 'date', label: 'date', kind: 'text' }],
    toOperation: (v) => ({ op: 'event.add', memberId: v.memberId, kind: v.kind, ...optional('date', v.date) }),
  },
  addIntervention: {
    title: 'addIntervention',
    fields: [memberChoice(), sectorChoice('sector', 'sector'), { name: 'kind', label: 'kind', kind: 'text' }, { name: 'from', label: 'from', kind: 'text' }, { name: 'to', label: 'to', kind: 'text' }],
    toOperation: (v, familyId) => ({ op: 'intervention.add', familyId, memberId: v.memberId, sector: v.sector, kind: (v.kind ?? '').trim(), from: (v.from ?? '').trim(), ...optional('to', v.to) }),
  },
  endIntervention: {
    title: 'endIntervention',
    fields: [{ name: 'to', label: 'to', kind: 'text' }],
    toOperation: (v, interventionId) => ({ op: 'intervention.end', interventionId, to: (v.to ?? '').trim() }),
  },
  addConsent: {
    title: 'addConsent',
    fields: [
      { name: 'until', label: 'until', kind: 'text' },
      { name: 'given', label: 'given', kind: 'text' },
    ],
    repeat: CONSENT_SECTORS,
    toOperation: (v, familyId) => ({ op: 'consent.add', familyId, sectors: groupValues(v, CONSENT_SECTORS).map((g) => g.sector), until: (v.until ?? '').trim(), ...optional('given', v.given) }),
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
    overwrites: 'changed',
    fields: [
      { name: 'who', label: 'who', kind: 'text' },
      { name: 'what', label: 'what', kind: 'text' },
      { name: 'due', label: 'due', kind: 'text' },
      { name: 'status', label: 'status', kind: 'choice', options: AGREEMENT_STATUSES, vocabulary: 'agreementStatus' },
    ],
    // Only what was changed, as for a goal: the log says what the edit did.
    toOperation: (v, agreementId, _timeZone, dialog) => ({
      op: 'agreement.update',
      agreementId,
      ...ifChanged(dialog, 'who', 'who', (v.who ?? '').trim()),
      ...ifChanged(dialog, 'what', 'what', (v.what ?? '').trim()),
      ...ifChanged(dialog, 'due', 'due', (v.due ?? '').trim()),
      ...ifChanged(dialog, 'status', 'status', v.status),
    }),
  },
  // From assessment to plan (#18): the family assessment on the family screen, the status form on an FFS.
  startAssessment: {
    title: 'startAssessment',
    fields: [{ name: 'date', label: 'started', kind: 'text' }],
    toOperation: (v, familyId) => ({ op: 'assessment.start', familyId, ...optional('date', v.date) }),
  },
  /** Opened on a section (or the first one missing); the status and summary as they should be now. */
  assessmentSection: {
    title: 'assessmentSection',
    overwrites: 'every',
    fields: [
      memberChoice(),
      { name: 'method', label: 'method', kind: 'choice', options: ASSESSMENT_METHODS, vocabulary: 'assessmentMethod' },
      { name: 'status', label: 'status', kind: 'choice', options: SECTION_STATUSES, vocabulary: 'sectionStatus' },
      { name: 'summary', label: 'summary', kind: 'text', multiline: true },
    ],
    toOperation: (v, familyId) => ({ op: 'assessment.section', familyId, memberId: v.memberId, method: v.method, status: v.status, summary: (v.summary ?? '').trim() }),
  },
  assessmentAnalysis: {
    title: 'assessmentAnalysis',
    overwrites: 'every',
    fields: [{ name: 'summary', label: 'summary', kind: 'text', multiline: true }],
    toOperation: (v, familyId) => ({ op: 'assessment.analysis', familyId, summary: (v.summary ?? '').trim() }),
  },
  /** The family's TAMs are the meeting's choices (DialogState.choices). */
  assessmentConclusion: {
    title: 'assessmentConclusion',
    overwrites: 'every',
    fields: [
      { name: 'meetingId', label: 'tamMeeting', kind: 'choice', options: [] },
      { name: 'conclusion', label: 'conclusion', kind: 'text', multiline: true },
    ],
    toOperation: (v, familyId) => ({ op: 'assessment.conclude', familyId, meetingId: v.meetingId, conclusion: (v.conclusion ?? '').trim() }),
  },
  /** The family's goals are the goal's choices; opened on the first goal not filled in yet, with its row. */
  statusForm: {
    title: 'statusFormTitle',
    fields: [
      { name: 'goalId', label: 'goal', kind: 'choice', options: [] },
      { name: 'familyView', label: 'familyView', kind: 'text', multiline: true },
      { name: 'agreedStatus', label: 'agreedStatus', kind: 'choice', options: ['', ...STATUS_FORM_STATUSES], vocabulary: 'statusFormStatus', emptyLabel: 'unchanged' },
      { name: 'agreed', label: 'agreedText', kind: 'text' },
    ],
    repeat: DEPARTMENT_VIEWS,
    toOperation: (v, meetingId, _timeZone, dialog) => statusFormOperation(v, meetingId, dialog),
  },
} as const satisfies Record<string, DialogDefinition>;

export type DialogKind = keyof typeof DIALOGS;

const definitionOf = (kind: DialogKind): DialogDefinition => DIALOGS[kind];

export interface DialogState {
  kind: DialogKind;
  /** Choices known only when the dialog opens (a family's members), by field name. */
  choices?: Record<string, readonly string[]>;
  /** How to show a choice's value that no vocabulary names (a member id as their name). */
  labels?: Record<string, string>;
  /** The id the operation is about: a goal, contact, family or meeting. */
  target: string;
  /** More the operation needs about its target (the minutes line edited: its number, and its text as read). */
  about?: Readonly<Record<string, string>>;
  values: Record<string, string>;
  /** The values the dialog opened with: an edit sends only what differs from them. */
  initial: Values;
  /**
   * Text fields whose pre-filled value (the latest score, a meeting's start) is still selected:
   * the first key typed into one replaces it, as in any form, so "p7" records 7, not 57.
   */
  selected: readonly string[];
  /** Each text field's cursor, in characters; a field not listed has it at its end. */
  cursors: Readonly<Record<string, number>>;
  /** How many groups of the dialog's repeated fields are shown. */
  groups: number;
  focus: number;
  error?: { field?: string; message: string };
}

export type FormAction =
  /** Typed or pasted text, into the focused text field. */
  | { type: 'type'; text: string }
  /** An editing key in the focused text field (Backspace, Delete, Home, Ctrl-W ...). */
  | { type: 'edit'; edit: Exclude<TextEdit, { type: 'insert' }> }
  | { type: 'focus'; delta: number }
  /** ←/→: the next or previous choice, or the cursor in a text field. */
  | { type: 'choose'; delta: number }
  | { type: 'error'; field?: string; message: string };

/** The dialog's fields as shown: its own, then each group of its repeated fields. */
export function dialogFields(state: Pick<DialogState, 'kind' | 'groups'>): DialogField[] {
  const { fields, repeat } = definitionOf(state.kind);
  const repeated = repeat ? Array.from({ length: state.groups }, (_, group) => repeat.fields.map((f) => ({ ...f, name: `${repeat.name}${group}.${f.name}`, group }))) : [];
  return [...fields, ...repeated.flat()];
}

/** The values a choice field offers in this dialog (a repeated field's choices are its group's). */
export function optionsOf(state: DialogState, field: Field): readonly string[] {
  if (field.kind !== 'choice') return [];
  return state.choices?.[field.name] ?? field.options;
}

/** Fills in a value for every field not given one: a text field empty, a choice its first option. */
function withDefaults(state: DialogState): DialogState {
  const values = { ...state.values };
  for (const field of dialogFields(state)) if (!(field.name in values)) values[field.name] = field.kind === 'choice' ? (optionsOf(state, field)[0] ?? '') : '';
  return { ...state, values };
}

/** One more empty group when the last is filled in (and the dialog may have more). */
function growGroups(state: DialogState): DialogState {
  const repeat = definitionOf(state.kind).repeat;
  if (!repeat || state.groups >= repeat.max) return state;
  const last = state.groups - 1;
  const lastUsed = last < 0 || repeat.fields.some((f) => (state.values[`${repeat.name}${last}.${f.name}`] ?? '') !== '');
  return lastUsed ? withDefaults({ ...state, groups: state.groups + 1 }) : state;
}

export function openDialog(kind: DialogKind, target: string, initial: Record<string, string> = {}, dynamic: Pick<DialogState, 'choices' | 'labels' | 'about'> = {}): DialogState {
  const repeat = definitionOf(kind).repeat;
  let filledGroups = 0;
  if (repeat) while (repeat.fields.some((f) => `${repeat.name}${filledGroups}.${f.name}` in initial)) filledGroups++;
  const groups = repeat ? Math.min(repeat.max, Math.max(repeat.min, filledGroups + 1)) : 0;
  const state: DialogState = { kind, target, values: {}, initial: {}, selected: [], cursors: {}, groups, focus: 0, ...dynamic };
  // A value from the store is shown as typed text would be kept: nothing a terminal would obey.
  for (const field of dialogFields(state)) {
    const given = ownValue(initial, field.name);
    if (given !== undefined) state.values[field.name] = field.kind === 'text' ? fieldText(field, given) : given;
  }
  const filled = withDefaults(state);
  const selected = dialogFields(filled).filter((f) => f.kind === 'text' && (filled.values[f.name] ?? '') !== '').map((f) => f.name);
  return { ...filled, initial: { ...filled.values }, selected };
}

/** The focused field, as shown. */
export function focusedField(state: DialogState): DialogField {
  return dialogFields(state)[state.focus] as DialogField;
}

/** Whether the focused field takes several lines (a new line with Ctrl-J; the hint says so). */
export function focusTakesLines(state: DialogState): boolean {
  const field = focusedField(state);
  return field.kind === 'text' && field.multiline === true;
}

/** Whether a dialog has a field that takes several lines. */
export function takesSeveralLines(kind: DialogKind): boolean {
  return definitionOf(kind).fields.some((f) => f.kind === 'text' && f.multiline === true);
}

/** Typed or pasted text as a field keeps it: no escape sequences or control characters, and line
 * breaks only in a multi-line field (elsewhere a pasted line break becomes a space). */
function fieldText(field: Field, text: string): string {
  return field.kind === 'text' && field.multiline ? sanitizeText(text).replace(/\t/g, ' ') : sanitizeLine(text);
}

/** The cursor of a text field: where it was left, or the end of its value. */
export function cursorOf(state: DialogState, name: string): number {
  return state.cursors[name] ?? [...(state.values[name] ?? '')].length;
}

export function formReducer(state: DialogState, action: FormAction): DialogState {
  const field = focusedField(state);
  const fieldCount = dialogFields(state).length;
  const set = (value: string, cursor?: number) =>
    growGroups({
      ...state,
      values: { ...state.values, [field.name]: value },
      cursors: { ...state.cursors, [field.name]: cursor ?? [...value].length },
      selected: state.selected.filter((name) => name !== field.name),
      error: undefined,
    });
  const edit = (change: TextEdit) => {
    if (field.kind !== 'text') return state;
    const after = editText({ value: state.values[field.name] ?? '', cursor: cursorOf(state, field.name), selected: state.selected.includes(field.name) }, change);
    return set(after.value, after.cursor);
  };
  switch (action.type) {
    case 'type':
      return edit({ type: 'insert', text: fieldText(field, action.text) });
    case 'edit':
      return edit(action.edit);
    case 'focus':
      return { ...state, focus: (state.focus + action.delta + fieldCount) % fieldCount };
    case 'choose': {
      if (field.kind === 'text') return edit({ type: action.delta < 0 ? 'left' : 'right' });
      const options = optionsOf(state, field);
      if (options.length === 0) return state;
      const at = options.indexOf(state.values[field.name] ?? '');
      return set(options[(at + action.delta + options.length) % options.length] as string);
    }
    case 'error': {
      const index = dialogFields(state).findIndex((f) => f.name === action.field);
      return { ...state, error: { ...(action.field !== undefined && { field: action.field }), message: action.message }, ...(index >= 0 && { focus: index }) };
    }
  }
}
