// One place owns navigation and focus: a stack of screens, at most one dialog above them, and a
// status line. Pure: every key the workbench handles becomes an action here, tested without Ink.
import type { DialogState, FormAction } from './forms.js';
import { formReducer } from './forms.js';
import { FOLLOW_END, scrollTop } from './scrolling.js';

/** A selection remembers the row's id, so it stays on the same row when the data refreshes. */
export interface Selection {
  index: number;
  id?: string;
}

export type ScreenState =
  | { name: 'today'; panel: number; selections: Selection[] }
  | { name: 'families'; selections: Selection[]; filter: string; filtering: boolean }
  | { name: 'family'; familyId: string; panel: number; selections: Selection[] }
  /** `scroll`: the top line shown (FOLLOW_END: the newest lines, as they come); `line`: the selected
   *  line of the minutes (0 = first; undefined follows the newest), which ↑/↓ move and r/x act on. */
  | { name: 'meeting'; meetingId: string; live: boolean; scroll: number; line?: number }
  | { name: 'help'; scroll: number }
  | { name: 'report'; panel: number; selections: Selection[] }
  | { name: 'overview'; panel: number; selections: Selection[] };

export interface Status {
  text: string;
  kind: 'info' | 'error';
}

/** A question waiting for y/n (j/n) before an undo or redo acts on the step it names. */
export interface Confirmation {
  kind: 'undo' | 'redo';
  /** The change step the question names: the one acted on, even if the log grew meanwhile. */
  step: number;
  question: string;
}

export interface UiState {
  stack: ScreenState[];
  dialog?: DialogState;
  confirmation?: Confirmation;
  status?: Status;
  /** A change is being saved (a dialog, an undo): keystrokes wait until it settles. */
  busy?: boolean;
  /** The id typed after `:`, to jump to (undefined when not typing one). */
  jump?: string;
}

export type UiAction =
  | { type: 'push'; screen: ScreenState }
  | { type: 'pop' }
  | { type: 'home'; screen: 'today' | 'families' }
  | { type: 'move'; delta: number; ids: readonly string[] }
  | { type: 'panel'; delta: number; panelCount: number }
  | { type: 'filterStart' }
  | { type: 'filterType'; text: string }
  | { type: 'filterBackspace' }
  | { type: 'filterEnd'; clear: boolean }
  | { type: 'toggleLive' }
  /** Scrolls a text of `total` lines shown `room` at a time. */
  | { type: 'scroll'; delta: number; total: number; room: number }
  /** Moves the selected minutes line among `count` lines. */
  | { type: 'selectLine'; delta: number; count: number }
  | { type: 'jumpStart' }
  | { type: 'jumpType'; text: string }
  | { type: 'jumpBackspace' }
  | { type: 'jumpEnd' }
  | { type: 'openDialog'; dialog: DialogState }
  | { type: 'closeDialog' }
  | { type: 'dialog'; action: FormAction }
  | { type: 'status'; status?: Status }
  | { type: 'busy'; busy: boolean }
  | { type: 'ask'; confirmation: Confirmation }
  | { type: 'answered' };

export const todayScreen = (): ScreenState => ({ name: 'today', panel: 0, selections: [{ index: 0 }, { index: 0 }, { index: 0 }, { index: 0 }] });
export const familiesScreen = (filtering = false): ScreenState => ({ name: 'families', selections: [{ index: 0 }], filter: '', filtering });
export const familyScreen = (familyId: string): ScreenState => ({ name: 'family', familyId, panel: 0, selections: [{ index: 0 }, { index: 0 }, { index: 0 }, { index: 0 }] });
export const meetingScreen = (meetingId: string): ScreenState => ({ name: 'meeting', meetingId, live: false, scroll: FOLLOW_END });
export const helpScreen = (): ScreenState => ({ name: 'help', scroll: 0 });
/** A family plan opened with row `rowId` of panel `panel` selected (a jump to a goal, a contact). */
export function familyScreenAt(familyId: string, panel: number, rowId: string): ScreenState {
  const screen = familyScreen(familyId) as Extract<ScreenState, { name: 'family' }>;
  return { ...screen, panel, selections: screen.selections.map((s, i) => (i === panel ? { index: 0, id: rowId } : s)) };
}
export const reportScreen = (): ScreenState => ({ name: 'report', panel: 0, selections: [{ index: 0 }, { index: 0 }] });
export const overviewScreen = (): ScreenState => ({ name: 'overview', panel: 0, selections: [{ index: 0 }] });

export function initialUi(): UiState {
  return { stack: [todayScreen()] };
}

export function currentScreen(ui: UiState): ScreenState {
  return ui.stack[ui.stack.length - 1] as ScreenState;
}

/** The index a selection points at in the current list: its id's row if still there, else clamped. */
export function selectedIndex(selection: Selection | undefined, ids: readonly string[]): number {
  if (!selection || ids.length === 0) return 0;
  if (selection.id !== undefined) {
    const found = ids.indexOf(selection.id);
    if (found >= 0) return found;
  }
  return Math.min(Math.max(0, selection.index), ids.length - 1);
}

function activePanel(screen: ScreenState): number {
  return 'panel' in screen ? screen.panel : 0;
}

function replaceTop(ui: UiState, screen: ScreenState): UiState {
  return { ...ui, stack: [...ui.stack.slice(0, -1), screen] };
}

export function uiReducer(ui: UiState, action: UiAction): UiState {
  const screen = currentScreen(ui);
  switch (action.type) {
    case 'push':
      return { ...ui, stack: [...ui.stack, action.screen], status: undefined };
    case 'pop':
      return ui.stack.length > 1 ? { ...ui, stack: ui.stack.slice(0, -1), status: undefined } : ui;
    case 'home':
      return { ...ui, stack: action.screen === 'today' ? [todayScreen()] : [todayScreen(), familiesScreen()], status: undefined };
    case 'move': {
      if (!('selections' in screen) || action.ids.length === 0) return ui;
      const panel = activePanel(screen);
      const from = selectedIndex(screen.selections[panel], action.ids);
      const index = Math.min(Math.max(0, from + action.delta), action.ids.length - 1);
      // Today's panels for transfers and decisions come and go, so a panel may have no selection yet.
      const selections = Array.from({ length: Math.max(screen.selections.length, panel + 1) }, (_, i) => (i === panel ? { index, id: action.ids[index] } : (screen.selections[i] ?? { index: 0 })));
      return replaceTop(ui, { ...screen, selections } as ScreenState);
    }
    case 'panel': {
      if (!('panel' in screen)) return ui;
      const panel = (screen.panel + action.delta + action.panelCount) % action.panelCount;
      return replaceTop(ui, { ...screen, panel });
    }
    case 'filterStart':
      // On Families the filter goes on from what it holds; elsewhere Families opens on top, filtering.
      return screen.name === 'families'
        ? replaceTop(ui, { ...screen, filtering: true })
        : { ...ui, stack: [...ui.stack, familiesScreen(true)], status: undefined };
    case 'filterType':
      return screen.name === 'families' ? replaceTop(ui, { ...screen, filter: screen.filter + action.text, selections: [{ index: 0 }] }) : ui;
    case 'filterBackspace':
      return screen.name === 'families' ? replaceTop(ui, { ...screen, filter: [...screen.filter].slice(0, -1).join(''), selections: [{ index: 0 }] }) : ui;
    case 'filterEnd':
      return screen.name === 'families' ? replaceTop(ui, { ...screen, filtering: false, ...(action.clear && { filter: '', selections: [{ index: 0 }] }) }) : ui;
    case 'toggleLive':
      // Into or out of the live view, the newest lines are in view.
      return screen.name === 'meeting' ? replaceTop(ui, { ...screen, live: !screen.live, scroll: FOLLOW_END }) : ui;
    case 'scroll':
      return 'scroll' in screen ? replaceTop(ui, { ...screen, scroll: scrollTop(screen.scroll, action.delta, action.total, action.room) }) : ui;
    case 'selectLine': {
      if (screen.name !== 'meeting' || action.count === 0) return ui;
      const line = Math.min(Math.max(0, (screen.line ?? action.count - 1) + action.delta), action.count - 1);
      return replaceTop(ui, { ...screen, line: line === action.count - 1 ? undefined : line });
    }
    case 'jumpStart':
      return { ...ui, jump: '', status: undefined };
    case 'jumpType':
      return ui.jump === undefined ? ui : { ...ui, jump: ui.jump + action.text };
    case 'jumpBackspace':
      return ui.jump === undefined ? ui : { ...ui, jump: [...ui.jump].slice(0, -1).join('') };
    case 'jumpEnd':
      return { ...ui, jump: undefined };
    case 'openDialog':
      return { ...ui, dialog: action.dialog, status: undefined };
    case 'closeDialog':
      return { ...ui, dialog: undefined };
    case 'dialog':
      return ui.dialog ? { ...ui, dialog: formReducer(ui.dialog, action.action) } : ui;
    case 'status':
      return { ...ui, status: action.status };
    case 'busy':
      return { ...ui, busy: action.busy };
    case 'ask':
      return { ...ui, confirmation: action.confirmation, status: undefined };
    case 'answered':
      return { ...ui, confirmation: undefined };
  }
}
