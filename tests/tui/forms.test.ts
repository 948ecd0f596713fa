import { describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { DIALOGS, formReducer, openDialog, takesSeveralLines, type DialogState, type FormAction } from '../../src/tui/forms.js';
import { problemIn } from '../../src/tui/i18n.js';

const reduce = (state: DialogState, ...actions: FormAction[]) => actions.reduce(formReducer, state);

describe('the form dialogs', () => {
  it('types several characters at once, drops escape sequences and control characters, and deletes by character', () => {
    const state = reduce(openDialog('progress', 'g12'), { type: 'type', text: '7' }, { type: 'focus', delta: 1 }, { type: 'type', text: 'Mødt op\u001b[2J hver\u0007 dag\u202e' }, { type: 'edit', edit: { type: 'backspace' } });
    expect(state.values).toMatchObject({ score: '7', note: 'Mødt op hver da' });
  });

  it('keeps the line breaks of pasted text in a multi-line field only; elsewhere they become spaces', () => {
    const pasted = 'Linje A\nLinje B\tmed tab\n\nLinje C';
    expect(reduce(openDialog('minutesLine', 'm1'), { type: 'type', text: pasted }).values.minutes).toBe('Linje A\nLinje B med tab\n\nLinje C');
    expect(reduce(openDialog('progress', 'g12'), { type: 'focus', delta: 1 }, { type: 'type', text: pasted }).values.note).toBe('Linje A Linje B med tab Linje C');
    expect(takesSeveralLines('minutesLine')).toBe(true);
    expect(takesSeveralLines('agreement')).toBe(false);
  });

  it('replaces a pre-filled value with what is typed first, and erases it whole with one backspace', () => {
    const opened = openDialog('progress', 'g1', { score: '5' });
    expect(reduce(opened, { type: 'type', text: '7' }).values.score).toBe('7');
    expect(reduce(opened, { type: 'type', text: '7' }, { type: 'type', text: '1' }).values.score).toBe('71');
    expect(reduce(opened, { type: 'edit', edit: { type: 'backspace' } }).values.score).toBe('');
    // Moving away and back leaves it selected until it is edited; a field typed into stays as typed.
    expect(reduce(opened, { type: 'focus', delta: 1 }, { type: 'focus', delta: -1 }, { type: 'type', text: '8' }).values.score).toBe('8');
    expect(reduce(openDialog('progress', 'g1'), { type: 'type', text: '4' }, { type: 'type', text: '2' }).values.score).toBe('42');
  });

  it('cycles choices with ←/→ and ignores typing there', () => {
    const state = reduce(openDialog('progress', 'g12'), { type: 'focus', delta: -1 }, { type: 'choose', delta: 1 }, { type: 'choose', delta: 1 }, { type: 'type', text: 'x' });
    expect(state.values.status).toBe('active');
    expect(reduce(state, { type: 'choose', delta: -3 }).values.status).toBe('cancelled');
  });

  it('builds operations that validate, with the local time zone for a meeting', () => {
    const progress = DIALOGS.progress.toOperation({ score: '6', note: ' Godt ', status: '' }, 'g12');
    expect(OperationSchema.parse(progress)).toMatchObject({ op: 'goal.progress', goalId: 'g12', score: 6, note: 'Godt' });
    expect(progress).not.toHaveProperty('status');
    const meeting = DIALOGS.addMeeting.toOperation({ type: 'stormøde', start: '2026-07-01 09:30', place: 'Rådhuset', durationMin: '' }, 'f3', 'Europe/Copenhagen');
    expect(OperationSchema.parse(meeting)).toMatchObject({ start: '2026-07-01T09:30:00+02:00', durationMin: 60 });
  });

  it('leaves a field left empty out, so validation asks for it beside the field', () => {
    for (const score of ['', '   ']) {
      const result = OperationSchema.safeParse(DIALOGS.progress.toOperation({ score, note: '', status: '' }, 'g12'));
      expect(result.error?.issues[0]).toMatchObject({ path: ['score'], message: 'is required: a whole number from 0 to 10' });
      expect(problemIn(result.error?.issues[0]?.message ?? '', 'en')).toBe('type a whole number from 0 to 10');
      expect(problemIn(result.error?.issues[0]?.message ?? '', 'da')).toBe('skriv et helt tal fra 0 til 10');
    }
    const line = OperationSchema.safeParse(DIALOGS.minutesLine.toOperation({ minutes: '  ' }, 'm1'));
    expect(line.error?.issues[0]).toMatchObject({ path: ['minutes'], message: 'must not be empty (minutes)' });
    expect(problemIn('nothing to change: goal g12 already has these values', 'da')).toBe('intet at ændre: mål g12 har allerede disse værdier');
  });

  it('leaves bad values to validation, which names the field', () => {
    const result = OperationSchema.safeParse(DIALOGS.progress.toOperation({ score: 'seven', note: '', status: '' }, 'g12'));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['score']);
    const state = reduce(openDialog('progress', 'g12'), { type: 'focus', delta: 2 }, { type: 'error', field: 'score', message: 'must be a whole number from 0 to 10' });
    expect(state.focus).toBe(0);
    expect(state.error).toEqual({ field: 'score', message: 'must be a whole number from 0 to 10' });
    expect(reduce(state, { type: 'type', text: '5' }).error).toBeUndefined();
  });
});
