// The workbench shell. It owns the data (useStoreState) and the UI state (uiReducer), queues the
// keystrokes and performs where inputRouter sends each: a dialog, the filter, or a command from the
// keymap on the current screen. Screens and components only render what they are given.
import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { todayIn } from '../domain/dates.js';
import { minutesLinesOf } from '../domain/minutesLines.js';
import { OperationSchema, type RawOperation } from '../domain/operations.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { describeOperation, describeStepSummary, type StepSummary } from '../domain/stepDescription.js';
import { MEETING_TYPE_LABELS } from '../domain/vocabulary.js';
import type { Family, Meeting, State } from '../domain/schema.js';
import { TransactionError } from '../domain/errors.js';
import { findById } from '../domain/find.js';
import { statusFormLines } from '../domain/statusForm.js';
import type { FamilyStore } from '../store/Store.js';
import { Footer } from '../components/Footer.js';
import { dialogHeight, FormDialog, labelOf } from '../components/FormDialog.js';
import { FamiliesScreen } from '../screens/FamiliesScreen.js';
import { FamilyScreen } from '../screens/FamilyScreen.js';
import { HelpScreen, helpLines } from '../screens/HelpScreen.js';
import { bodyRowsOf, MeetingScreen, meetingLayout, nearestLineIn, selectedLine } from '../screens/MeetingScreen.js';
import { panelHeights, PanelStack } from '../screens/PanelsScreen.js';
import { TodayScreen } from '../screens/TodayScreen.js';
import { changedElsewhere, DIALOGS, dialogFields, openDialog, overwritesOnSave, type DialogField, type DialogKind, type DialogState } from './forms.js';
import { editKindOf, editOpening, memberChoices, reopened } from './editOpenings.js';
import { assessmentDialog, statusFormDialog, type DialogOpening } from './assessmentDialogs.js';
import { longDate, problemIn, translator, type Lang } from './i18n.js';
import { KeystrokeQueue, SCOPES, type Route } from './inputRouter.js';
import { binding, bindingsIn, type Command } from './keymap.js';
import { fit } from './layout.js';
import type { PurposeTable } from '../domain/collisions.js';
import { familiesPanel, familyModel, overlapsIfApprovedText, overviewPanels, reportPanels, todayPanels, type PanelModel, type Row } from './models.js';
import { currentScreen, familyScreen, familyScreenAt, helpScreen, initialUi, meetingScreen, overviewScreen, reportScreen, selectedIndex, uiReducer, type Confirmation, type ScreenState, type UiAction, type UiState } from './navigation.js';
import { writeScreenDocument, type ScreenDocument } from './documents.js';
import { deltaToShow, pageLength, scrolledWindow } from './scrolling.js';
import type { ReadScope } from '../domain/scope.js';
import { useKeystrokes } from './useKeystrokes.js';
import { useStoreState } from './useStoreState.js';
import { useTerminalSize } from './useTerminalSize.js';

export interface AppProps {
  store: FamilyStore;
  initialState: State;
  /** Which families to show: a coordinator's caseload in a team's store, else all. */
  scope?: ReadScope;
  lang: Lang;
  /** A pinned "today"; otherwise the real date, re-read on every render. */
  today?: string;
  timeZone: string;
  user: string;
  color: boolean;
  /** Fixed size, for tests; otherwise the terminal's. */
  size?: { width: number; height: number };
  /** The table of same-purpose interventions (default: the domain's). */
  purposes?: PurposeTable;
  /** Where `w` and `K` write documents: the folder famcoord was started in, unless a test says. */
  documentsFolder?: string;
  /** Who the user is on a team's store (the store's login, else the caseload): whose Today, who acts. */
  person?: string;
}

interface ViewContextLike {
  today: string;
  timeZone: string;
  lang: Lang;
  t: ReturnType<typeof translator>;
  purposes?: PurposeTable;
  person?: string;
  caseload?: string;
}

function screenModel(screen: ScreenState, state: State, ctx: ViewContextLike): { panels: PanelModel[]; panel: number; plan?: ReturnType<typeof familyModel> extends infer M ? (M extends { plan: infer P } ? P : never) : never; heading?: string } {
  switch (screen.name) {
    case 'report': {
      const report = reportPanels(state, ctx);
      return { panels: report.panels, panel: screen.panel, heading: report.title };
    }
    case 'overview': {
      const overview = overviewPanels(state, ctx);
      return { panels: overview.panels, panel: screen.panel, heading: overview.title };
    }
    case 'today': {
      // Its last panels (transfers, decisions) come and go: the focus stays on one that is there.
      const panels = todayPanels(state, ctx);
      return { panels, panel: Math.min(screen.panel, panels.length - 1) };
    }
    case 'families':
      return { panels: [familiesPanel(state, ctx, screen.filter)], panel: 0 };
    case 'family': {
      const family = familyModel(state, screen.familyId, ctx);
      return family ? { panels: family.panels, panel: screen.panel, plan: family.plan } : { panels: [], panel: 0 };
    }
    default:
      return { panels: [], panel: 0 };
  }
}

/** A message for a failed change, for the status line or the dialog; never a stack trace. */
function failureText(error: unknown): string {
  if (error instanceof TransactionError) return error.message;
  return error instanceof Error && error.name !== 'Error' ? error.message : 'unexpected error; nothing was saved';
}

/** An edit refused because another window changed the same fields since the dialog opened. */
class ChangedElsewhere extends Error {
  constructor(readonly fields: readonly DialogField[]) {
    super('changed elsewhere');
    this.name = 'ChangedElsewhere';
  }
}

const WHOLE_STORE: ReadScope = {};

type MeetingScreenState = Extract<ScreenState, { name: 'meeting' }>;

export function App({ store, initialState, scope = WHOLE_STORE, lang, today: pinnedToday, timeZone, user, color, size, documentsFolder = process.cwd(), purposes, person }: AppProps) {
  const { exit } = useApp();
  const data = useStoreState(store, initialState, scope);
  // The UI state also lives in a ref that dispatch updates at once: several keys can arrive in one
  // input event, or before React has re-rendered, and each must see the state the previous left.
  // Within a batch (a chunk of keys) React is told once, at the end, instead of once per key.
  const [ui, setUi] = useState(initialUi);
  const uiRef = useRef(ui);
  const batching = useRef(false);
  const dispatch = useCallback((action: UiAction) => {
    uiRef.current = uiReducer(uiRef.current, action);
    if (!batching.current) setUi(uiRef.current);
  }, []);
  const batch = (work: () => void) => {
    if (batching.current) return work();
    batching.current = true;
    try {
      work();
    } finally {
      batching.current = false;
      setUi(uiRef.current);
    }
  };
  const [queue] = useState(() => new KeystrokeQueue());
  const { width, height } = useTerminalSize(size);
  const t = translator(lang);
  const today = pinnedToday ?? todayIn(timeZone);
  const caseload = scope.coordinator ?? scope.involving;
  const ctx = useMemo(() => ({ today, timeZone, lang, t, ...(purposes && { purposes }), ...(person !== undefined && { person }), ...(caseload !== undefined && { caseload }) }), [today, timeZone, lang, purposes, person, caseload]);
  const meta = { user, source: 'tui', today, person };
  /** Everything a screen shows and a key acts on, from a UI state and the data. */
  const derive = (uiState: UiState, state: State) => {
    const screen = currentScreen(uiState);
    const model = screenModel(screen, state, ctx);
    const activePanel = model.panels[model.panel];
    const selections = 'selections' in screen ? screen.selections : [];
    const selectedRow: Row | undefined = activePanel?.rows[selectedIndex(selections[model.panel], activePanel.rows.map((r) => r.id))];
    const meeting = screen.name === 'meeting' ? state.families.flatMap((f) => f.meetings.map((m) => ({ meeting: m, family: f }))).find((x) => x.meeting.id === screen.meetingId) : undefined;
    const familyContext = screen.name === 'family' ? screen.familyId : undefined;
    return { screen, model, activePanel, selectedRow, meeting, familyContext };
  };
  const view = useMemo(() => derive(ui, data.state), [ui, data.state, ctx]);
  const { screen, model, meeting } = view;
  // Opening a family reads its personal data: logged where reads are (a team's PostgreSQL store).
  const openedFamily = screen.name === 'family' ? screen.familyId : undefined;
  useEffect(() => {
    if (openedFamily !== undefined) store.logRead?.([openedFamily], 'workbench').catch((error: unknown) => dispatch({ type: 'status', status: { text: problemIn(failureText(error), lang), kind: 'error' } }));
  }, [openedFamily, store]);

  /** Why a command cannot act now, or undefined when it can. */
  const disabledReason = (command: Command, { selectedRow, familyContext, meeting } = view): string | undefined => {
    const requirement = (binding(command) as { requires?: { kind: string; reason: Parameters<typeof t>[0] } }).requires;
    if (!requirement) return (command === 'undo' || command === 'redo') && data.readError ? data.readError : undefined;
    if (requirement.kind === 'family') return familyContext ? undefined : t(requirement.reason);
    if (requirement.kind === 'row') return selectedRow && selectedRow.kind !== 'intervention' && selectedRow.kind !== 'figure' && selectedRow.kind !== 'assessment' ? undefined : t(requirement.reason);
    if (requirement.kind === 'editable') return selectedRow?.kind === 'goal' || selectedRow?.kind === 'meeting' || selectedRow?.kind === 'agreement' || selectedRow?.kind === 'assessment' ? undefined : t(requirement.reason);
    if (requirement.kind === 'ffs') return meeting?.meeting.type === 'flerfagligt-statusmøde' ? undefined : t(requirement.reason);
    if (requirement.kind === 'closable') return selectedRow?.kind === 'contact' || selectedRow?.kind === 'intervention' ? undefined : t(requirement.reason);
    if (requirement.kind === 'answerable') return selectedRow?.kind === 'transfer' || selectedRow?.kind === 'decision' ? undefined : t(requirement.reason);
    if (requirement.kind === 'line') return meeting && minutesLinesOf(meeting.meeting.minutes).length > 0 ? undefined : t(requirement.reason);
    return selectedRow?.kind === requirement.kind ? undefined : t(requirement.reason);
  };

  const scopes = SCOPES[screen.name];
  // The footer lists this screen's own keys first, then the lists', then the global ones.
  const footerCommands = [...new Set(scopes.flatMap((scope) => bindingsIn([scope])))].filter((c) => !['up', 'down', 'pageUp', 'pageDown', 'previousPanel'].includes(c));
  const disabled = new Set(footerCommands.filter((c) => disabledReason(c) !== undefined));

  const setError = (text: string) => dispatch({ type: 'status', status: { text, kind: 'error' } });
  const setInfo = (text: string) => dispatch({ type: 'status', status: { text, kind: 'info' } });

  const startDialog = (kind: DialogKind, target: string, initial: Record<string, string> = {}, dynamic: Pick<DialogState, 'choices' | 'labels' | 'about'> = {}) => dispatch({ type: 'openDialog', dialog: openDialog(kind, target, initial, dynamic) });
  const familyById = (familyId: string | undefined) => data.current().families.find((f) => f.id === familyId);
  const startOpening = (opening: DialogOpening) => startDialog(opening.kind, opening.target, opening.initial, opening.dynamic);
  /** Runs a change to the store; the keys that arrive meanwhile wait in the queue until it has
   * settled, then are routed by the state it left (dialog closed, or still open with the error). */
  const whileBusy = <T,>(work: Promise<T>, done: (result: T) => void, failed: (error: unknown) => void) => {
    dispatch({ type: 'busy', busy: true });
    const settle = (outcome: () => void) =>
      batch(() => {
        outcome();
        dispatch({ type: 'busy', busy: false });
        drain();
      });
    work.then(
      (result) => settle(() => done(result)),
      (error: unknown) => settle(() => failed(error)),
    );
  };

  const submitDialog = () => {
    const dialog = uiRef.current.dialog;
    if (!dialog) return;
    const raw = DIALOGS[dialog.kind].toOperation(dialog.values, dialog.target, timeZone, dialog);
    const parsed = OperationSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = dialogFields(dialog).find((f) => f.name === String(issue?.path[0] ?? ''));
      const invalid = field?.kind === 'text' ? field.invalid : undefined;
      dispatch({ type: 'dialog', action: { type: 'error', field: String(issue?.path[0] ?? ''), message: invalid ? t(invalid) : problemIn(issue?.message ?? 'not valid', lang) } });
      return;
    }
    whileBusy(
      unlessChangedElsewhere(dialog).then(() => data.apply([parsed.data], meta)),
      (result) => {
        dispatch({ type: 'closeDialog' });
        setInfo(`${t('saved')}: ${describeOperation(result.applied[0] ?? parsed.data, lang)} (${t('step')} ${result.step})`);
      },
      (error) =>
        dispatch({
          type: 'dialog',
          action: error instanceof ChangedElsewhere ? { type: 'error', field: error.fields[0]?.name, message: `${error.fields.map((f) => labelOf(f, t)).join(', ')}: ${t('changedElsewhere')}` } : { type: 'error', message: problemIn(failureText(error), lang) },
        }),
    );
  };

  /**
   * A dialog that overwrites what it opened with (an edit, a step of the assessment) would put
   * back, or type over, a value another window set since it opened. So the store is read again
   * (the watcher may not have brought the latest yet) and such a save refused, naming the fields;
   * Esc and the key again show the new values. Other dialogs add or append, and overwrite nothing.
   */
  const unlessChangedElsewhere = async (dialog: DialogState) => {
    if (!overwritesOnSave(dialog.kind)) return;
    await data.refresh();
    const now = reopened(data.current(), dialog, { today, timeZone, lang });
    if (!now) return;
    const fields = changedElsewhere(dialog, openDialog(now.kind, now.target, now.initial, now.dynamic));
    if (fields.length > 0) throw new ChangedElsewhere(fields);
  };

  /** A change that needs no dialog (an agreement done): saved at once, and said so on the status line. */
  const applyNow = (raw: RawOperation) => {
    const operation = OperationSchema.parse(raw);
    whileBusy(
      data.apply([operation], meta),
      (result) => setInfo(`${t('saved')}: ${describeOperation(result.applied[0] ?? operation, lang)} (${t('step')} ${result.step})`),
      (error) => setError(problemIn(failureText(error), lang)),
    );
  };

  /** The lines the open dialog takes: what it needs, leaving the screen at least three lines. */
  const dialogLinesOf = (uiState: UiState, chrome: number) => (uiState.dialog ? dialogHeight(uiState.dialog, height - 1 - chrome - 3) : 0);
  /** The lines the screen has between the header and the status line (the live view has them all). */
  const bodyHeightOf = (uiState: UiState) => {
    const current = currentScreen(uiState);
    // Header, status line and footer; the live view shows none of them. One line is kept free at
    // the bottom: writing the terminal's last line scrolls some terminals.
    const chrome = current.name === 'meeting' && current.live ? 0 : 3;
    return Math.max(3, height - 1 - chrome - dialogLinesOf(uiState, chrome));
  };
  /** The rows the focused list shows, which a page key moves by. */
  const listRows = (current: ScreenState, panels: readonly PanelModel[], panel: number, bodyHeight: number) => {
    if (current.name === 'families') return bodyHeight - (current.filtering || current.filter !== '' ? 1 : 0) - 2;
    // Today's stack fills the body; the family plan and the report have a line above theirs.
    const stackHeight = current.name === 'today' ? bodyHeight : bodyHeight - 1;
    return (panelHeights(panels, panel, stackHeight)[panel] ?? 3) - 2;
  };

  // Undo and redo name the step and ask first (y/j or n/Esc), then act on exactly that step.
  const describeStep = (summary: StepSummary) => describeStepSummary(summary, { timeZone, today, lang });
  // Keys typed after `u` wait for the question; keys after the answer wait for the undo itself.
  const ask = (kind: Confirmation['kind']) =>
    whileBusy(
      data.plan(kind, meta),
      (summary) => dispatch({ type: 'ask', confirmation: { kind, step: summary.step, question: `${t(kind === 'undo' ? 'undoQuestion' : 'redoQuestion')} ${describeStep(summary)}? ${t('yesNo')}` } }),
      (error) => setError(problemIn(failureText(error), lang)),
    );
  const answer = (yes: boolean) => {
    const confirmation = uiRef.current.confirmation;
    dispatch({ type: 'answered' });
    if (!confirmation || !yes) return;
    const { kind, step } = confirmation;
    whileBusy<{ summary: StepSummary }>(
      data[kind](meta, { step }),
      (r) => setInfo(`${t(kind === 'undo' ? 'undone' : 'redone')}: ${describeStep(r.summary)} (${t('step')} ${step})`),
      (error) => setError(problemIn(failureText(error), lang)),
    );
  };

  /**
   * ↑/↓ and PgUp/PgDn on a meeting. The live view only scrolls. Otherwise ↑/↓ select a line of the
   * minutes (what r and x act on) and the text scrolls to keep it in view, or scrolls on past the
   * first or last line (to the agreements); PgUp/PgDn scroll a page and the selection moves to the
   * nearest line still shown. The same layout as the screen draws, so both agree on the window.
   */
  const meetingKey = (command: 'up' | 'down' | 'pageUp' | 'pageDown', screen: MeetingScreenState, found: { meeting: Meeting; family: Family }, bodyHeight: number, scroll: (total: number, room: number) => void) => {
    const layout = meetingLayout(found.meeting, found.family.name, { width, height: bodyHeight, live: screen.live, timeZone, lang, today, t, statusForm: statusFormLines(found.family, found.meeting) });
    const total = layout.body.length;
    const line = selectedLine(screen, layout.lineCount);
    const next = Math.min(Math.max(0, line + (command === 'up' ? -1 : 1)), layout.lineCount - 1);
    if (screen.live || layout.lineCount === 0 || command === 'pageUp' || command === 'pageDown' || next === line) {
      scroll(total, layout.room);
      const shown = scrolledWindow(total, (currentScreen(uiRef.current) as MeetingScreenState).scroll, layout.room);
      const nearest = screen.live ? undefined : nearestLineIn(layout.body, shown, line);
      if (nearest !== undefined && nearest !== line) dispatch({ type: 'selectLine', delta: nearest - line, count: layout.lineCount });
      return;
    }
    dispatch({ type: 'selectLine', delta: next - line, count: layout.lineCount });
    const rows = bodyRowsOf(layout.body, next);
    if (rows) dispatch({ type: 'scroll', delta: deltaToShow(scrolledWindow(total, screen.scroll, layout.room), rows.first, rows.last), total, room: layout.room });
  };

  const run = (command: Command) => {
    const current = derive(uiRef.current, data.current());
    const { screen, model, activePanel, selectedRow, meeting, familyContext } = current;
    const reason = disabledReason(command, current);
    if (reason !== undefined) return setError(`${binding(command).footer[lang]}: ${reason}`);
    switch (command) {
      case 'quit':
        return exit();
      case 'help':
        return screen.name === 'help' ? undefined : dispatch({ type: 'push', screen: helpScreen() });
      case 'back':
        // Esc in the live view goes back to the meeting it shows.
        return dispatch(screen.name === 'meeting' && screen.live ? { type: 'toggleLive' } : { type: 'pop' });
      case 'undo':
      case 'redo':
        return ask(command);
      case 'today':
      case 'families':
        return dispatch({ type: 'home', screen: command });
      case 'report':
        return screen.name === 'report' ? undefined : dispatch({ type: 'push', screen: reportScreen() });
      case 'overview':
        return dispatch({ type: 'push', screen: overviewScreen() });
      case 'accept':
        if (selectedRow?.kind === 'transfer') return applyNow({ op: 'transfer.accept', familyId: selectedRow.familyId });
        return selectedRow && startDialog('approveIntervention', selectedRow.id);
      case 'decline':
        if (selectedRow?.kind === 'transfer') return startDialog('declineTransfer', selectedRow.familyId);
        return selectedRow && startDialog('rejectIntervention', selectedRow.id);
      case 'askTransfer':
        return familyContext && startDialog('askTransfer', familyContext);
      case 'up':
      case 'down':
      case 'pageUp':
      case 'pageDown': {
        const bodyHeight = bodyHeightOf(uiRef.current);
        const scroll = (total: number, room: number) => {
          const step = { up: -1, down: 1, pageUp: -pageLength(room), pageDown: pageLength(room) }[command];
          dispatch({ type: 'scroll', delta: step, total, room });
        };
        if (screen.name === 'help') return scroll(helpLines(lang, t).length, bodyHeight - 1);
        if (screen.name === 'meeting') return meeting && meetingKey(command, screen, meeting, bodyHeight, scroll);
        const rows = Math.max(1, listRows(screen, model.panels, model.panel, bodyHeight));
        const delta = { up: -1, down: 1, pageUp: -pageLength(rows), pageDown: pageLength(rows) }[command];
        return dispatch({ type: 'move', delta, ids: activePanel?.rows.map((r) => r.id) ?? [] });
      }
      case 'nextPanel':
      case 'previousPanel':
        return dispatch({ type: 'panel', delta: command === 'nextPanel' ? 1 : -1, panelCount: model.panels.length });
      case 'open':
        if (!selectedRow) return;
        if (selectedRow.kind === 'meeting') return dispatch({ type: 'push', screen: meetingScreen(selectedRow.id) });
        return dispatch({ type: 'push', screen: familyScreen(selectedRow.familyId) });
      case 'minutes':
        return selectedRow && dispatch({ type: 'push', screen: meetingScreen(selectedRow.id) });
      case 'progress': {
        const goal = data.current().families.find((f) => f.id === selectedRow?.familyId)?.goals.find((g) => g.id === selectedRow?.id);
        const latest = goal?.progress.at(-1)?.score;
        return selectedRow && startDialog('progress', selectedRow.id, latest === undefined ? {} : { score: String(latest) });
      }
      case 'answer':
      case 'resolve':
        return selectedRow && startDialog(command, selectedRow.id);
      case 'agreementDone':
        return selectedRow && applyNow({ op: 'agreement.done', agreementId: selectedRow.id });
      case 'addGoal': {
        const family = familyById(familyContext);
        return family && startDialog('addGoal', family.id, {}, memberChoices(family, true, family.goals.length + 1));
      }
      case 'addContact':
        return familyContext && startDialog(command, familyContext);
      case 'addMeeting':
        return familyContext && startDialog(command, familyContext, { start: `${today} 09:00`, durationMin: '60' });
      case 'observe':
      case 'addCaseEvent':
        return familyContext && startDialog(command === 'observe' ? 'observation' : 'caseEvent', familyContext, { date: today }, memberChoices(familyById(familyContext), false));
      case 'addIntervention':
        return familyContext && startDialog('addIntervention', familyContext, { from: today }, memberChoices(familyById(familyContext), false));
      case 'addConsent':
        return familyContext && startDialog('addConsent', familyContext, { given: today });
      case 'edit': {
        const family = familyById(selectedRow?.familyId);
        if (family && selectedRow?.kind === 'assessment') return startOpening(assessmentDialog(family, selectedRow.id, { today, timeZone, lang }));
        const kind = editKindOf(selectedRow?.kind);
        const opening = family && kind && selectedRow && editOpening(family, kind, selectedRow.id, timeZone);
        return opening && startOpening(opening);
      }
      case 'close':
        if (selectedRow?.kind === 'intervention') return startDialog('endIntervention', selectedRow.id, { to: today });
        return selectedRow && startDialog('cancelContact', selectedRow.id);
      case 'editLine':
      case 'removeLine': {
        if (screen.name !== 'meeting' || !meeting) return;
        const lines = minutesLinesOf(meeting.meeting.minutes);
        // The selected line, or the newest (a line removed meanwhile may have shortened the minutes).
        const index = selectedLine(screen, lines.length);
        const was = lines[index] ?? '';
        if (command === 'removeLine') return applyNow({ op: 'minutes.remove', meetingId: meeting.meeting.id, line: index + 1, was });
        return startDialog('editLine', meeting.meeting.id, { text: was }, { about: { line: String(index + 1), was } });
      }
      case 'filter':
        return dispatch({ type: 'filterStart' });
      case 'addLine':
        return screen.name === 'meeting' && startDialog('minutesLine', screen.meetingId);
      case 'addAgreement':
        return screen.name === 'meeting' && startDialog('agreement', screen.meetingId);
      case 'live':
        return dispatch({ type: 'toggleLive' });
      case 'jump':
        return dispatch({ type: 'jumpStart' });
      case 'writeDocument':
        if (screen.name === 'meeting') return writeDocument({ kind: 'minutes', meetingId: screen.meetingId });
        return familyContext ? writeDocument({ kind: 'plan', familyId: familyContext }) : setError(`${binding(command).footer[lang]}: ${t('noFamily')}`);
      case 'writeCalendar':
        return familyContext && writeDocument({ kind: 'calendar', familyId: familyContext });
      case 'assessment': {
        const family = familyById(familyContext);
        return family && startOpening(assessmentDialog(family, selectedRow?.kind === 'assessment' ? selectedRow.id : undefined, { today, timeZone, lang }));
      }
      case 'statusForm':
        return meeting && startOpening(statusFormDialog(meeting.family, meeting.meeting));
    }
  };

  /** `:` and an id: the family plan with the row selected, or the meeting; else says it is not here. */
  const jumpTo = (typed: string) => {
    dispatch({ type: 'jumpEnd' });
    if (!typed.trim()) return;
    const state = data.current();
    const found = findById(state, typed);
    if (!found) return setError(`:${sanitizeLine(typed)}: ${t('jumpUnknown')}`);
    if (found.kind === 'meeting' || found.kind === 'agreement') return dispatch({ type: 'push', screen: meetingScreen(found.meetingId ?? found.id) });
    const panel = familyModel(state, found.familyId, ctx)?.panels.findIndex((p) => p.rows.some((r) => r.id === found.id)) ?? -1;
    return dispatch({ type: 'push', screen: panel >= 0 ? familyScreenAt(found.familyId, panel, found.id) : familyScreen(found.familyId) });
  };

  /** Writes a document from where the user is; the keys typed meanwhile wait, as for a save. */
  const writeDocument = (what: ScreenDocument) => {
    const done = { plan: 'wrotePlan', minutes: 'wroteMinutes', calendar: 'wroteCalendar' } as const;
    whileBusy(
      writeScreenDocument(data.current(), what, { folder: documentsFolder, storePath: store.path, lang, today, timeZone }),
      ({ path, count }) => setInfo(`${t(done[what.kind])} ${path}${count === undefined ? '' : ` (${count})`}`),
      (error) => setError(`${t('writeFailed')}: ${problemIn(failureText(error), lang)}`),
    );
  };

  const perform = (route: Exclude<Route, { kind: 'wait' }>) => {
    switch (route.kind) {
      case 'ui':
        return dispatch(route.action);
      case 'submit':
        return submitDialog();
      case 'command':
        return run(route.command);
      case 'answer':
        return answer(route.yes);
      case 'jump':
        return jumpTo(route.id);
      case 'ignore':
        return route.pasted ? setInfo(t('pasteIgnored')) : undefined;
    }
  };

  // A save settles after later renders; the keys it released are performed with the newest closures.
  const latestPerform = useRef(perform);
  latestPerform.current = perform;
  const drain = () => queue.drain(() => uiRef.current, (route) => latestPerform.current(route));

  useKeystrokes((keystrokes) => {
    queue.push(keystrokes);
    batch(drain);
  });

  // Layout: a header line, the screen, the dialog (if any), the status line and the footer.
  const live = screen.name === 'meeting' && screen.live;
  const bodyHeight = bodyHeightOf(ui);
  const dialogLines = dialogLinesOf(ui, live ? 0 : 3);
  const title = { today: t('today'), families: t('families'), family: model.plan ? `${t('familyPlan')}: ${sanitizeLine(model.plan.name)}` : t('familyPlan'), meeting: t('minutes'), help: t('help'), report: t('report'), overview: t('teamOverview') }[screen.name];
  const whose = caseload === undefined ? '' : ` · ${sanitizeLine(caseload)}`;
  const header = `famcoord · ${title}${whose} · ${longDate(today, lang)}`;
  const jumping = ui.jump === undefined ? undefined : { text: `: ${ui.jump}▏   ${t('jumpPrompt')}: ${t('jumpHint')}`, kind: 'info' as const };
  const status = jumping ?? (ui.confirmation ? { text: ui.confirmation.question, kind: 'info' as const } : data.readError ? { text: data.readError, kind: 'error' as const } : (ui.status ?? (data.externalChanges > 0 ? { text: t('reloaded'), kind: 'info' as const } : undefined)));
  const dialogSubject = (() => {
    if (!ui.dialog) return '';
    const target = ui.dialog.target;
    for (const f of data.state.families) {
      if (f.id === target) return `${target} · ${sanitizeLine(f.name)}`;
      const found = f.goals.find((g) => g.id === target)?.title ?? f.contacts.find((c) => c.id === target)?.subject ?? f.meetings.filter((m) => m.id === target).map((m) => MEETING_TYPE_LABELS[m.type][lang])[0] ?? f.interventions.find((i) => i.id === target)?.kind;
      // Before an approval, what it would overlap comes first: the line may be cut at its end.
      if (found && ui.dialog.kind === 'approveIntervention') return `${target} · ${overlapsIfApprovedText(f, target, ctx)} · ${sanitizeLine(found)} · ${sanitizeLine(f.name)}`;
      if (found) return `${target} · ${sanitizeLine(found)} · ${sanitizeLine(f.name)}`;
    }
    return target;
  })();

  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      {!live && (
        <Text bold inverse={color} wrap="truncate">
          {fit(` ${header}`, width)}
        </Text>
      )}
      <Box height={bodyHeight} flexDirection="column">
        {screen.name === 'today' && <TodayScreen panels={model.panels} screen={screen} width={width} height={bodyHeight} color={color} emptyText={t('none')} lang={lang} />}
        {screen.name === 'families' && model.panels[0] && <FamiliesScreen panel={model.panels[0]} screen={screen} width={width} height={bodyHeight} color={color} lang={lang} t={t} />}
        {screen.name === 'family' && model.plan && <FamilyScreen plan={model.plan} panels={model.panels} screen={screen} width={width} height={bodyHeight} color={color} lang={lang} t={t} />}
        {screen.name === 'family' && !model.plan && <Text>{fit(`${screen.familyId}: ${t('none')}`, width)}</Text>}
        {screen.name === 'meeting' && meeting && <MeetingScreen meeting={meeting.meeting} familyName={meeting.family.name} statusForm={statusFormLines(meeting.family, meeting.meeting)} screen={screen} timeZone={timeZone} lang={lang} today={today} width={width} height={bodyHeight} color={color} t={t} />}
        {(screen.name === 'report' || screen.name === 'overview') && (
          <Box flexDirection="column">
            <Text wrap="truncate" bold={color}>{fit(model.heading ?? '', width)}</Text>
            <PanelStack panels={model.panels} focusedPanel={screen.panel} selections={screen.selections} width={width} height={bodyHeight - 1} color={color} emptyText={t('none')} lang={lang} />
          </Box>
        )}
        {screen.name === 'help' && <HelpScreen lang={lang} t={t} width={width} height={bodyHeight} scroll={screen.scroll} color={color} />}
      </Box>
      {ui.dialog && <FormDialog dialog={ui.dialog} saving={ui.busy === true} subject={dialogSubject} t={t} lang={lang} width={width} height={dialogLines} color={color} />}
      {/* A shared screen shows no status messages. */}
      {!live && (
        <Text wrap="truncate" color={status?.kind === 'error' && color ? 'red' : status && color ? 'green' : undefined}>
          {fit(status ? ` ${sanitizeLine(status.text)}` : '', width)}
        </Text>
      )}
      {!live && <Footer commands={footerCommands} disabled={disabled} lang={lang} width={width} color={color} />}
    </Box>
  );
}
