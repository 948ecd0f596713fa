// Chunks of keys through the router and the UI reducer, without rendering: each keystroke is
// routed by the state the previous one left, and keys wait while a save is in flight. The
// commands are stand-ins for the workbench's (p opens "Record progress", e "Add a line", / the filter).
import { describe, expect, it } from 'vitest';
import { openDialog, type DialogState } from '../../src/tui/forms.js';
import { KeystrokeQueue, routeKeystroke, type Route } from '../../src/tui/inputRouter.js';
import type { Command } from '../../src/tui/keymap.js';
import { tokenize } from '../../src/tui/keystrokes.js';
import { currentScreen, familiesScreen, initialUi, meetingScreen, uiReducer, type UiState } from '../../src/tui/navigation.js';

const DIALOG_OF: Partial<Record<Command, () => DialogState>> = {
  progress: () => openDialog('progress', 'g1'),
  addLine: () => openDialog('minutesLine', 'm1'),
};

function workbench(start: UiState = initialUi()) {
  let ui = start;
  const commands: Command[] = [];
  const saves: Array<Record<string, string>> = [];
  let pastesIgnored = 0;
  const queue = new KeystrokeQueue();
  const perform = (route: Exclude<Route, { kind: 'wait' }>) => {
    if (route.kind === 'ui') ui = uiReducer(ui, route.action);
    if (route.kind === 'submit' && ui.dialog) {
      saves.push(ui.dialog.values);
      ui = uiReducer(ui, { type: 'busy', busy: true });
    }
    if (route.kind === 'command') {
      commands.push(route.command);
      const dialog = DIALOG_OF[route.command];
      if (dialog) ui = uiReducer(ui, { type: 'openDialog', dialog: dialog() });
      if (route.command === 'filter') ui = uiReducer(ui, { type: 'filterStart' });
    }
    if (route.kind === 'ignore' && route.pasted) pastesIgnored++;
  };
  const drain = () => queue.drain(() => ui, perform);
  return {
    /** One chunk of raw terminal input. */
    type(input: string) {
      queue.push(tokenize(input).keystrokes);
      drain();
    },
    /** The save in flight ends: the dialog closes, or stays open with the error. */
    settle(saved: boolean) {
      ui = uiReducer(ui, saved ? { type: 'closeDialog' } : { type: 'dialog', action: { type: 'error', message: 'locked' } });
      ui = uiReducer(ui, { type: 'busy', busy: false });
      drain();
    },
    get ui() {
      return ui;
    },
    waiting: () => queue.length,
    commands,
    saves,
    pastesIgnored: () => pastesIgnored,
  };
}

describe('routing a chunk of keys', () => {
  it('opens a dialog with p and types the rest of the chunk into it', () => {
    const bench = workbench();
    bench.type('p7\tMødt op\r');
    expect(bench.commands).toEqual(['progress']);
    expect(bench.saves).toEqual([{ score: '7', note: 'Mødt op', status: '' }]);
  });

  it('holds the keys after Enter until the save settles, then routes them by the state it left', () => {
    const bench = workbench({ stack: [meetingScreen('m1')] });
    bench.type('eFørste linje\reAnden linje\r');
    expect(bench.saves).toEqual([{ minutes: 'Første linje' }]);
    expect(bench.ui.busy).toBe(true);
    expect(bench.waiting()).toBe(13);
    bench.type('z'); // still waiting, behind the others
    bench.settle(true);
    // e opened the next dialog and "Anden linje" typed into it: no letter ran a command (a = agreement, l = live).
    expect(bench.commands).toEqual(['addLine', 'addLine']);
    expect(bench.saves).toEqual([{ minutes: 'Første linje' }, { minutes: 'Anden linje' }]);
    bench.settle(true);
    expect(bench.waiting()).toBe(0);
    expect(bench.commands).toEqual(['addLine', 'addLine']); // z is no key on the meeting screen
  });

  it('types the waiting keys into the dialog when its save failed', () => {
    const bench = workbench();
    bench.type('p7\r');
    bench.type('5');
    bench.settle(false);
    expect(bench.ui.dialog?.values.score).toBe('75'); // (typing clears the error it showed)
  });

  it('never saves a dialog twice: a second Enter acts on what the first save left', () => {
    const bench = workbench();
    bench.type('p7\tnote\r\r');
    expect(bench.saves).toHaveLength(1);
    bench.settle(true);
    expect(bench.saves).toHaveLength(1);
    expect(bench.commands).toEqual(['progress', 'open']);
  });

  it('never reads pasted text as keys: into the focused field, else dropped', () => {
    const bench = workbench();
    bench.type('\u001b[200~quit\rundo\u001b[201~');
    expect(bench.commands).toEqual([]);
    expect(bench.pastesIgnored()).toBe(1);
    bench.type('p\u001b[200~5\u001b[201~\t\u001b[200~Linje A\rLinje B\u001b[201~');
    expect(bench.ui.dialog?.values).toMatchObject({ score: '5', note: 'Linje A Linje B' }); // one-line field: a space
    const meeting = workbench({ stack: [meetingScreen('m1')] });
    meeting.type('e\u001b[200~Linje A\rLinje B\rLinje C\u001b[201~\r');
    expect(meeting.saves).toEqual([{ minutes: 'Linje A\nLinje B\nLinje C' }]); // multi-line field: kept
  });

  it('types a chunk into the families filter, and a paste there as one line', () => {
    const bench = workbench({ stack: [familiesScreen()] });
    bench.type('/Berg\u001b[200~ ved\rskolen\u001b[201~\r');
    expect(currentScreen(bench.ui)).toMatchObject({ filter: 'Berg ved skolen', filtering: false });
  });

  it('finds a family from Today: `/oscar` in one chunk types the name, none of it runs as keys', () => {
    const bench = workbench();
    bench.type('/oscar');
    expect(bench.commands).toEqual(['filter']); // not o (the overview), s or r
    expect(currentScreen(bench.ui)).toMatchObject({ name: 'families', filter: 'oscar', filtering: true });
  });

  it('sends each key of a dialog where the form expects it', () => {
    const ui = uiReducer(initialUi(), { type: 'openDialog', dialog: openDialog('progress', 'g1') });
    const route = (input: string) => routeKeystroke(ui, tokenize(input).keystrokes[0] as never);
    expect(route('\u001b')).toEqual({ kind: 'ui', action: { type: 'closeDialog' } });
    expect(route('\r')).toEqual({ kind: 'submit' });
    expect(route('\u001b[Z')).toEqual({ kind: 'ui', action: { type: 'dialog', action: { type: 'focus', delta: -1 } } });
    expect(route('\u001b[C')).toEqual({ kind: 'ui', action: { type: 'dialog', action: { type: 'choose', delta: 1 } } });
    expect(route('\u007f')).toEqual({ kind: 'ui', action: { type: 'dialog', action: { type: 'edit', edit: { type: 'backspace' } } } });
    // The line editor's keys: Delete, Home/End (and Ctrl-A/Ctrl-E), Ctrl-U/K/W.
    const edits = { '\u001b[3~': 'delete', '\u001b[H': 'home', '\u001b[1~': 'home', '\u001bOH': 'home', '\u0001': 'home', '\u001b[F': 'end', '\u001b[4~': 'end', '\u0005': 'end', '\u0015': 'deleteToStart', '\u000b': 'deleteToEnd', '\u0017': 'deleteWord' };
    for (const [keys, type] of Object.entries(edits)) expect(route(keys)).toEqual({ kind: 'ui', action: { type: 'dialog', action: { type: 'edit', edit: { type } } } });
    // Ctrl-J saves a one-line field, and makes a new line in a field that takes several.
    expect(route('\n')).toEqual({ kind: 'submit' });
    const minutes = uiReducer(initialUi(), { type: 'openDialog', dialog: openDialog('minutesLine', 'm1') });
    expect(routeKeystroke(minutes, tokenize('\n').keystrokes[0] as never)).toEqual({ kind: 'ui', action: { type: 'dialog', action: { type: 'type', text: '\n' } } });
    expect(route('u')).toEqual({ kind: 'ui', action: { type: 'dialog', action: { type: 'type', text: 'u' } } });
    expect(routeKeystroke({ ...ui, busy: true }, { kind: 'char', char: 'u' })).toEqual({ kind: 'wait' });
  });
});

describe('the question before an undo or redo', () => {
  const asking = (): UiState => uiReducer(initialUi(), { type: 'ask', confirmation: { kind: 'undo', step: 7, question: 'Undo goal.progress on g1?' } });
  const route = (ui: UiState, input: string) => tokenize(input).keystrokes.map((k) => routeKeystroke(ui, k));

  it('takes y or j as yes, n or Esc as no, and nothing else (no command runs under it)', () => {
    expect(route(asking(), 'yYjJ')).toEqual(Array(4).fill({ kind: 'answer', yes: true }));
    expect(route(asking(), 'n')).toEqual([{ kind: 'answer', yes: false }]);
    expect(route(asking(), '\u001b')).toEqual([{ kind: 'answer', yes: false }]);
    expect(route(asking(), 'uqp')).toEqual(Array(3).fill({ kind: 'ignore', pasted: false }));
  });

  it('lets keys typed before the question appears wait for it', () => {
    const planning = uiReducer(initialUi(), { type: 'busy', busy: true });
    expect(route(planning, 'y')).toEqual([{ kind: 'wait' }]);
  });
});
