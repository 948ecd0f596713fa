// Which part of the workbench a keystroke goes to: the open dialog, the families filter, or the
// screen's keys. Pure, so chunks of keys are tested without rendering. The workbench keeps one
// queue of keystrokes and routes them strictly in order, each by the state the previous one left:
// `p` opens a dialog and the keys after it type into it; while a change is being saved the keys
// wait, then go wherever the save left the focus (the next dialog, or the dialog still open).
import { sanitizeLine } from '../domain/sanitize.js';
import { focusTakesLines, type DialogState, type FormAction } from './forms.js';
import { commandFor, type Command, type NamedKey, type Scope } from './keymap.js';
import type { Keystroke } from './keystrokes.js';
import { currentScreen, type ScreenState, type UiAction, type UiState } from './navigation.js';

/** The keymap scopes active on each screen, the most specific first. */
export const SCOPES: Record<ScreenState['name'], Scope[]> = {
  today: ['today', 'list', 'global'],
  families: ['families', 'list', 'global'],
  family: ['family', 'list', 'global'],
  meeting: ['meeting', 'global'],
  help: ['list', 'global'],
  report: ['report', 'list', 'global'],
  overview: ['list', 'global'],
};

export type Route =
  /** A change is being saved: the keystroke waits in the queue until it settles. */
  | { kind: 'wait' }
  /** Typing into the dialog or the filter: a change to the UI state only. */
  | { kind: 'ui'; action: UiAction }
  /** Enter in a dialog: save it. */
  | { kind: 'submit' }
  | { kind: 'command'; command: Command }
  /** Enter after `:` and an id: go to what the id names. */
  | { kind: 'jump'; id: string }
  /** The answer to the question on the status line (undo or redo this step?). */
  | { kind: 'answer'; yes: boolean }
  /** Nothing takes the keystroke; a paste outside a text field is dropped, never read as keys. */
  | { kind: 'ignore'; pasted: boolean };

const IGNORE: Route = { kind: 'ignore', pasted: false };
const form = (action: FormAction): Route => ({ kind: 'ui', action: { type: 'dialog', action } });
const edit = (type: Extract<FormAction, { type: 'edit' }>['edit']['type']): Route => form({ type: 'edit', edit: { type } } as FormAction);

const DIALOG_KEYS: Partial<Record<NamedKey, Route>> = {
  escape: { kind: 'ui', action: { type: 'closeDialog' } },
  return: { kind: 'submit' },
  tab: form({ type: 'focus', delta: 1 }),
  down: form({ type: 'focus', delta: 1 }),
  'shift-tab': form({ type: 'focus', delta: -1 }),
  up: form({ type: 'focus', delta: -1 }),
  // ←/→ choose in a choice field and move the cursor in a text field.
  left: form({ type: 'choose', delta: -1 }),
  right: form({ type: 'choose', delta: 1 }),
  home: edit('home'),
  end: edit('end'),
  delete: edit('delete'),
  'ctrl-u': edit('deleteToStart'),
  'ctrl-k': edit('deleteToEnd'),
  'ctrl-w': edit('deleteWord'),
};

const endFilter = (clear: boolean): Route => ({ kind: 'ui', action: { type: 'filterEnd', clear } });
const FILTER_KEYS: Partial<Record<NamedKey, Route>> = { escape: endFilter(true), return: endFilter(false), down: endFilter(false), tab: endFilter(false) };

function dialogRoute(dialog: DialogState, keystroke: Keystroke): Route {
  switch (keystroke.kind) {
    case 'named':
      // Ctrl-J makes a new line in a field that takes several; elsewhere it saves, as Enter does.
      if (keystroke.key === 'newline') return focusTakesLines(dialog) ? form({ type: 'type', text: '\n' }) : { kind: 'submit' };
      return DIALOG_KEYS[keystroke.key] ?? IGNORE;
    case 'erase':
      return edit('backspace');
    case 'char':
      return form({ type: 'type', text: keystroke.char });
    case 'paste':
      // The field decides what it keeps: line breaks in a multi-line field, spaces elsewhere.
      return form({ type: 'type', text: keystroke.text });
  }
}

/** Typing one line (the families filter, an id after `:`): named keys by `named`, the rest edits the text. */
function lineRoute(keystroke: Keystroke, named: (key: NamedKey) => Route, backspace: UiAction, type: (text: string) => UiAction): Route {
  switch (keystroke.kind) {
    case 'named':
      // Ctrl-J ends a line as Enter does.
      return named(keystroke.key === 'newline' ? 'return' : keystroke.key);
    case 'erase':
      return { kind: 'ui', action: backspace };
    case 'char':
      return { kind: 'ui', action: type(keystroke.char) };
    case 'paste':
      return { kind: 'ui', action: type(sanitizeLine(keystroke.text)) };
  }
}

const filterRoute = (keystroke: Keystroke): Route =>
  lineRoute(keystroke, (key) => FILTER_KEYS[key] ?? IGNORE, { type: 'filterBackspace' }, (text) => ({ type: 'filterType', text }));

const endJump: Route = { kind: 'ui', action: { type: 'jumpEnd' } };

/** After `:`, the keys type an id; Enter goes to it, Esc gives up. */
const jumpRoute = (keystroke: Keystroke, typed: string): Route =>
  lineRoute(keystroke, (key) => (key === 'return' ? { kind: 'jump', id: typed } : key === 'escape' ? endJump : IGNORE), { type: 'jumpBackspace' }, (text) => ({ type: 'jumpType', text }));

/** y (or Danish j) confirms, n or Esc declines; anything else leaves the question open. */
function answerRoute(keystroke: Keystroke): Route {
  if (keystroke.kind === 'named' && keystroke.key === 'escape') return { kind: 'answer', yes: false };
  if (keystroke.kind !== 'char') return IGNORE;
  const reply = keystroke.char.toLowerCase();
  if (reply === 'y' || reply === 'j') return { kind: 'answer', yes: true };
  return reply === 'n' ? { kind: 'answer', yes: false } : IGNORE;
}

function screenRoute(keystroke: Keystroke, scopes: readonly Scope[]): Route {
  if (keystroke.kind === 'paste') return { kind: 'ignore', pasted: true };
  const command = keystroke.kind === 'named' ? commandFor('', keystroke.key === 'newline' ? 'return' : keystroke.key, scopes) : keystroke.kind === 'char' ? commandFor(keystroke.char, undefined, scopes) : undefined;
  return command ? { kind: 'command', command } : IGNORE;
}

/** Where one keystroke goes in the given UI state. */
export function routeKeystroke(ui: UiState, keystroke: Keystroke): Route {
  if (ui.busy) return { kind: 'wait' };
  if (ui.confirmation) return answerRoute(keystroke);
  if (ui.dialog) return dialogRoute(ui.dialog, keystroke);
  if (ui.jump !== undefined) return jumpRoute(keystroke, ui.jump);
  const screen = currentScreen(ui);
  if (screen.name === 'families' && screen.filtering) return filterRoute(keystroke);
  return screenRoute(keystroke, SCOPES[screen.name]);
}

/** The keystrokes not yet routed, in arrival order. */
export class KeystrokeQueue {
  private items: Keystroke[] = [];
  private next = 0;

  push(keystrokes: readonly Keystroke[]): void {
    for (const keystroke of keystrokes) this.items.push(keystroke);
  }

  get length(): number {
    return this.items.length - this.next;
  }

  /**
   * Routes the queued keystrokes in order, each in the state `perform` left after the previous
   * one, until one must wait for a save; it and those after it stay queued for the next drain.
   */
  drain(ui: () => UiState, perform: (route: Exclude<Route, { kind: 'wait' }>) => void): void {
    while (this.next < this.items.length) {
      const route = routeKeystroke(ui(), this.items[this.next] as Keystroke);
      if (route.kind === 'wait') return;
      this.next++;
      perform(route);
    }
    this.items = [];
    this.next = 0;
  }
}
