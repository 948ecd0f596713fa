// The dialogs of edit in place, as plain functions: every field the subcommands have, repeated
// groups (a meeting's attendees, a consent's sectors), an edit that sends only what changed, and
// the cursor keys inside a dialog's text field.
import { describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { choiceLabel } from '../../src/tui/choiceLabels.js';
import { textWindow } from '../../src/components/FormDialog.js';
import { displayWidth } from '../../src/tui/layout.js';

const long26 = 'abcdefghijklmnopqrstuvwxyz';
import { changedElsewhere, DIALOGS, dialogFields, formReducer, groupInitial, openDialog, type DialogState, type FormAction } from '../../src/tui/forms.js';
import { problemIn, translator } from '../../src/tui/i18n.js';

const TZ = 'Europe/Copenhagen';
const reduce = (state: DialogState, ...actions: FormAction[]) => actions.reduce(formReducer, state);
const type = (text: string): FormAction => ({ type: 'type', text });
const next: FormAction = { type: 'focus', delta: 1 };
const choose = (delta: number): FormAction => ({ type: 'choose', delta });
const key = (edit: 'home' | 'end' | 'delete' | 'backspace' | 'deleteWord'): FormAction => ({ type: 'edit', edit: { type: edit } });
const operation = (state: DialogState, target = state.target) => OperationSchema.parse(DIALOGS[state.kind].toOperation(state.values, target, TZ, state));
const names = (state: DialogState) => dialogFields(state).map((f) => f.name);

describe('dialogs with every field the subcommands have', () => {
  it('offers them, with choices (member, sector, type, priority, status) as selects', () => {
    const members = { choices: { memberId: ['', 'p1', 'p2'], priority: ['', '1', '2', '3'] } };
    expect(names(openDialog('addGoal', 'f1', {}, members))).toEqual(['title', 'memberId', 'sector', 'due', 'priority']);
    expect(names(openDialog('editGoal', 'g1', {}, members))).toEqual(['title', 'due', 'memberId', 'priority', 'status', 'sector']);
    expect(names(openDialog('addContact', 'f1'))).toEqual(['subject', 'sector', 'department', 'replyBy']);
    expect(names(openDialog('addMeeting', 'f1'))).toEqual(['type', 'start', 'durationMin', 'place', 'attendee0.name', 'attendee0.sector', 'attendee0.role', 'attendee1.name', 'attendee1.sector', 'attendee1.role']);
    expect(names(openDialog('addIntervention', 'f1'))).toEqual(['memberId', 'sector', 'kind', 'from', 'to']);
    expect(names(openDialog('endIntervention', 'i1'))).toEqual(['to']);
    expect(names(openDialog('addConsent', 'f1'))).toEqual(['until', 'given', 'consent0.sector']);
    expect(names(openDialog('caseEvent', 'f1'))).toEqual(['memberId', 'kind', 'date']);
    expect(names(openDialog('cancelContact', 'c1'))).toEqual(['reason']);
    for (const kind of ['addGoal', 'editGoal', 'addMeeting'] as const)
      for (const field of dialogFields(openDialog(kind, 'x', {}, members))) if (['memberId', 'sector', 'type', 'priority', 'status'].includes(field.name)) expect(field.kind, `${kind} ${field.name}`).toBe('choice');
  });

  it('adds a goal for a member with a priority, or for the whole family last', () => {
    const opened = openDialog('addGoal', 'f1', {}, { choices: { memberId: ['', 'p1'], priority: ['', '1', '2'] } });
    const filled = reduce(opened, type('Ida i skole'), next, choose(1), next, choose(3), next, type('2027-01-31'), next, choose(1));
    expect(operation(filled)).toEqual({ op: 'goal.add', familyId: 'f1', title: 'Ida i skole', memberId: 'p1', sector: 'school', due: '2027-01-31', priority: 1, status: 'active' });
    expect(operation(reduce(opened, type('Styr på økonomien'), next, next, next, type('2027-02-01')))).not.toHaveProperty('memberId');
  });

  it('plans a meeting with two attendees, each with a sector and a role; a third group appears when the second is used', () => {
    let meeting = openDialog('addMeeting', 'f1', { start: '2026-11-25 09:00', durationMin: '60' });
    meeting = reduce(meeting, choose(1), next, next, type('90'), next, type('Skolen'), next, type('Lone Berg'), next, choose(1), next, type('mentor'), next, type('Mette Jensen'), next, next, type('mor'));
    expect(dialogFields(meeting)).toHaveLength(4 + 3 * 3);
    expect(operation(meeting)).toEqual({
      op: 'meeting.add',
      familyId: 'f1',
      type: 'stormøde',
      start: '2026-11-25T09:00:00+01:00',
      durationMin: 90,
      place: 'Skolen',
      attendees: [{ name: 'Lone Berg', sector: 'employment', role: 'mentor' }, { name: 'Mette Jensen', role: 'mor' }],
    });
  });

  it('records a consent for the sectors chosen, one group per sector', () => {
    const consent = reduce(openDialog('addConsent', 'f1', { given: '2026-11-24' }), type('2027-06-30'), next, next, choose(4), next, choose(5));
    expect(operation(consent)).toMatchObject({ op: 'consent.add', sectors: ['school', 'health'], until: '2027-06-30', given: '2026-11-24' });
  });
});

describe('editing what is there', () => {
  const goalInitial = { title: 'Ida kommer i skole', due: '2026-12-01', memberId: 'p2', priority: '2', status: 'active', sector: 'school' };
  const editGoal = () => openDialog('editGoal', 'g1', goalInitial, { choices: { memberId: ['', 'p1', 'p2'], priority: ['', '1', '2'] } });

  it("sends only what changed: a goal's due date edited with the cursor keys", () => {
    const edited = reduce(editGoal(), next, key('end'), key('backspace'), type('5'));
    expect(edited.values.due).toBe('2026-12-05');
    expect(operation(edited)).toEqual({ op: 'goal.update', goalId: 'g1', due: '2026-12-05' });
    // Typing into the selected value replaces it; the whole family is memberId null.
    const replaced = reduce(editGoal(), next, type('2027-01-15'), next, choose(-2), next, choose(-1), next, choose(2));
    expect(operation(replaced)).toEqual({ op: 'goal.update', goalId: 'g1', due: '2027-01-15', memberId: null, priority: 1, status: 'completed' });
  });

  it('is refused by validation when nothing was changed, beside no field', () => {
    const result = OperationSchema.safeParse(DIALOGS.editGoal.toOperation(editGoal().values, 'g1', TZ, editGoal()));
    expect(result.error?.issues[0]?.message).toMatch(/^nothing to change/);
  });

  it("edits a meeting's time and place, and its attendees as a whole list when one changed", () => {
    const attendees = [{ name: 'Lone Berg', sector: 'employment' }];
    const opened = openDialog('editMeeting', 'm1', { type: 'netværksmøde', start: '2026-11-24 10:00', durationMin: '60', place: 'Rådhuset', ...groupInitial(DIALOGS.editMeeting.repeat, attendees) });
    expect(opened.values).toMatchObject({ 'attendee0.name': 'Lone Berg', 'attendee0.sector': 'employment', 'attendee1.name': '' });
    const moved = reduce(opened, next, key('end'), { type: 'edit', edit: { type: 'deleteWord' } }, type('11:30'), next, next, type('Skolen'));
    expect(operation(moved)).toEqual({ op: 'meeting.update', meetingId: 'm1', start: '2026-11-24T11:30:00+01:00', place: 'Skolen' });
    const joined = reduce(opened, next, next, next, next, next, next, next, type('Mette'), next, next, type('mor'));
    expect(operation(joined)).toEqual({ op: 'meeting.update', meetingId: 'm1', attendees: [...attendees, { name: 'Mette', role: 'mor' }] });
  });

  it('says in Danish why an edit was refused', () => {
    expect(problemIn('meeting m1 has no line 3 (its minutes have 2)', 'da')).toBe('møde m1 har ingen linje 3 (referatet har 2)');
    expect(problemIn('line 2 of meeting m1 was changed meanwhile; nothing was saved', 'da')).toBe('linje 2 i møde m1 er ændret imens; intet er gemt');
    expect(problemIn('nothing to change: give title, due, sector, priority, memberId or status', 'da')).toBe('intet at ændre: ret mindst ét felt');
  });

  it('edits a minutes line by its number, sending the line as it was read', () => {
    const line = openDialog('editLine', 'm1', { text: 'Anden linje' }, { about: { line: '2', was: 'Anden linje' } });
    expect(operation(reduce(line, key('end'), type(', rettet')))).toEqual({ op: 'minutes.edit', meetingId: 'm1', line: 2, text: 'Anden linje, rettet', was: 'Anden linje' });
  });

  it('moves the cursor with ←/→ in a text field and chooses with them in a choice field', () => {
    const state = reduce(openDialog('progress', 'g1'), type('Mødt'), next, type('op'), choose(-1), choose(-1), type('Mødt '), key('delete'));
    expect(state.values.note).toBe('Mødt p');
    expect(reduce(state, next, choose(1)).values.status).toBe('proposed');
  });
});

describe('how a dialog shows its fields', () => {
  it('names choices by their labels in Danish and English', () => {
    const goal = openDialog('editGoal', 'g1', { status: 'on-hold', sector: 'employment', memberId: '' }, { labels: { p1: 'Mette' } });
    const [status, sector, member] = ['status', 'sector', 'memberId'].map((name) => dialogFields(goal).find((f) => f.name === name)!);
    expect(choiceLabel(goal, sector!, 'employment', 'da', translator('da'))).toBe('Beskæftigelse');
    expect(choiceLabel(goal, status!, 'on-hold', 'da', translator('da'))).toBe('sat på pause');
    expect(choiceLabel(goal, member!, '', 'da', translator('da'))).toBe('(hele familien)');
    expect(choiceLabel(goal, member!, 'p1', 'en', translator('en'))).toBe('Mette');
  });

  it('draws the cursor where it is, and scrolls a long value to keep it in view', () => {
    expect(textWindow('2026-12-01', 4, 20)).toBe('2026▏-12-01');
    expect(textWindow('Linje A\nLinje B', 15, 30)).toBe('Linje A ↵ Linje B▏');
    const long = 'abcdefghijklmnopqrstuvwxyz';
    expect(textWindow(long, 0, 10)).toBe('▏abcdefgh…');
    expect(textWindow(long, 26, 10)).toBe('…stuvwxyz▏');
    expect(textWindow(long, 13, 10)).toMatch(/^….*m▏n.*…$/);
    expect([...textWindow(long, 13, 10)]).toHaveLength(10);
    expect(textWindow(long, undefined, 10)).toBe('…rstuvwxyz');
  });

  it('counts wide letters and emoji as the two columns they take, so the cursor stays in view', () => {
    const wide = '日本語の議事録を書いています';
    for (const cursor of [0, 7, wide.length]) {
      const window = textWindow(wide, cursor, 10);
      expect(window, `cursor ${cursor}`).toContain('▏');
      expect(displayWidth(window), `cursor ${cursor}`).toBeLessThanOrEqual(10);
    }
    expect(textWindow(wide, wide.length, 10)).toBe('…います▏');
    expect(displayWidth(textWindow(`Mødt op 👍🏽 ${wide}`, undefined, 12))).toBeLessThanOrEqual(12);
    // A ▏ typed in the text is text; the cursor is where it is.
    expect(textWindow(`▏${long26}`, 27, 10)).toBe('…stuvwxyz▏');
  });
});

describe('an edit over a change made elsewhere since the dialog opened', () => {
  const opened = openDialog('editAgreement', 'a1', { who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-12-15', status: 'open' });
  const now = (values: Record<string, string>) => openDialog('editAgreement', 'a1', { who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-12-15', status: 'open', ...values });
  const clashes = (dialog: DialogState, store: DialogState) => changedElsewhere(dialog, store).map((f) => f.name);

  it('names a field both changed, and no field only one side changed', () => {
    const edited = reduce(opened, next, type('Finder lærested'));
    expect(clashes(edited, now({ what: 'Finder praktik i Netto' }))).toEqual(['what']);
    expect(clashes(edited, now({ due: '2026-12-20' }))).toEqual([]);
    expect(clashes(opened, now({ what: 'Finder praktik i Netto' }))).toEqual([]);
    // The same value typed on both sides overwrites nothing.
    expect(clashes(edited, now({ what: 'Finder lærested' }))).toEqual([]);
  });

  it('names, for a dialog that sends every field (a step of the assessment), a field only the store changed: saving would put it back', () => {
    const analysis = openDialog('assessmentAnalysis', 'f1', { summary: 'Første udkast' });
    expect(clashes(analysis, openDialog('assessmentAnalysis', 'f1', { summary: 'Rettet i et andet vindue' }))).toEqual(['summary']);
    expect(clashes(analysis, openDialog('assessmentAnalysis', 'f1', { summary: 'Første udkast' }))).toEqual([]);
    // A dialog that adds overwrites nothing.
    expect(clashes(openDialog('minutesLine', 'm1'), openDialog('minutesLine', 'm1', { text: 'x' }))).toEqual([]);
  });

  it("counts a meeting's attendees as one, sent whole", () => {
    const initial = { start: '2026-11-25 09:00', durationMin: '60', place: 'Skolen', ...groupInitial(DIALOGS.editMeeting.repeat, [{ name: 'Lone Berg' }, { name: 'Per Holm' }]) };
    const meeting = openDialog('editMeeting', 'm1', initial);
    const storeNow = openDialog('editMeeting', 'm1', { ...initial, 'attendee1.role': 'mentor' });
    expect(clashes(reduce(meeting, next, next, next, next, next, next, type('mor')), storeNow)).toEqual(['attendee1.role']);
    expect(clashes(reduce(meeting, next, next, next, type('Rådhuset')), storeNow)).toEqual([]);
  });
});
