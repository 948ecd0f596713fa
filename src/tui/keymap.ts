// The one keybinding table. Key dispatch, the footer and the help screen (?) are all generated
// from it; no other file names a key. A binding that needs a selected row of some kind says so,
// and the workbench shows why it cannot act now instead of silently doing nothing.
import type { Lang, MessageKey } from './i18n.js';

export type Scope = 'global' | 'list' | 'today' | 'families' | 'family' | 'meeting' | 'report';

export type NamedKey = 'up' | 'down' | 'left' | 'right' | 'return' | 'escape' | 'tab' | 'shift-tab' | 'pageup' | 'pagedown'
  // The text fields' editing keys (src/tui/textEdit.ts); Ctrl-A and Ctrl-E arrive as home and end.
  | 'home' | 'end' | 'delete' | 'ctrl-u' | 'ctrl-k' | 'ctrl-w'
  /** Ctrl-J: a new line in a multi-line field; elsewhere the same as Enter. */
  | 'newline';
export type KeySpec = { named: NamedKey } | { char: string };

/** What a binding needs selected to act; the message explains it when it is missing. */
export type Requirement = {
  /**
   * 'editable': a goal, a meeting, an agreement or a line of the assessment; 'closable': a contact
   * or an intervention; 'line': minutes to edit; 'answerable': a transfer to the user or a decision
   * waiting for them; 'ffs': a flerfagligt statusmøde.
   */
  kind: 'row' | 'goal' | 'contact' | 'meeting' | 'agreement' | 'family' | 'editable' | 'closable' | 'line' | 'answerable' | 'ffs';
  reason: MessageKey;
};

interface Binding {
  keys: readonly KeySpec[];
  scopes: readonly Scope[];
  description: Record<Lang, string>;
  /** A word or two for the footer. */
  footer: Record<Lang, string>;
  requires?: Requirement;
}

const char = (c: string): KeySpec => ({ char: c });
const named = (n: NamedKey): KeySpec => ({ named: n });

export const BINDINGS = {
  quit: { keys: [char('q')], scopes: ['global'], description: { da: 'Afslut famcoord', en: 'Quit famcoord' }, footer: { da: 'afslut', en: 'quit' } },
  help: { keys: [char('?')], scopes: ['global'], description: { da: 'Vis alle taster', en: 'Show every key' }, footer: { da: 'hjælp', en: 'help' } },
  back: { keys: [named('escape')], scopes: ['global'], description: { da: 'Tilbage til forrige skærm', en: 'Back to the previous screen' }, footer: { da: 'tilbage', en: 'back' } },
  undo: { keys: [char('u')], scopes: ['global'], description: { da: 'Fortryd din seneste ændring (siger hvilken og spørger først)', en: 'Undo your last change (says which, and asks first)' }, footer: { da: 'fortryd', en: 'undo' } },
  redo: { keys: [char('U')], scopes: ['global'], description: { da: 'Gentag det, din seneste fortrydelse tog tilbage (spørger først)', en: 'Redo what your last undo took back (asks first)' }, footer: { da: 'gentag', en: 'redo' } },
  today: { keys: [char('t')], scopes: ['global'], description: { da: 'Gå til I dag', en: 'Go to Today' }, footer: { da: 'i dag', en: 'today' } },
  report: { keys: [char('i')], scopes: ['global'], description: { da: 'Resultater: indikatorerne for hele sagsstammen det seneste år', en: "Report: the caseload's indicators over the last year" }, footer: { da: 'resultater', en: 'report' } },
  families: { keys: [char('f')], scopes: ['global'], description: { da: 'Gå til alle familier', en: 'Go to all families' }, footer: { da: 'familier', en: 'families' } },
  up: { keys: [named('up'), char('k')], scopes: ['list', 'meeting'], description: { da: 'Op i listen', en: 'Move up' }, footer: { da: 'op', en: 'up' } },
  down: { keys: [named('down'), char('j')], scopes: ['list', 'meeting'], description: { da: 'Ned i listen', en: 'Move down' }, footer: { da: 'ned', en: 'down' } },
  pageUp: { keys: [named('pageup')], scopes: ['list', 'meeting'], description: { da: 'En side op', en: 'Page up' }, footer: { da: 'side op', en: 'page up' } },
  pageDown: { keys: [named('pagedown')], scopes: ['list', 'meeting'], description: { da: 'En side ned', en: 'Page down' }, footer: { da: 'side ned', en: 'page down' } },
  nextPanel: { keys: [named('tab')], scopes: ['today', 'family', 'report'], description: { da: 'Næste panel', en: 'Next panel' }, footer: { da: 'panel', en: 'panel' } },
  previousPanel: { keys: [named('shift-tab')], scopes: ['today', 'family', 'report'], description: { da: 'Forrige panel', en: 'Previous panel' }, footer: { da: 'forrige panel', en: 'previous panel' } },
  progress: { keys: [char('p')], scopes: ['today', 'family'], description: { da: 'Registrér fremskridt på det valgte mål (score, note, status)', en: 'Record progress on the selected goal (score, note, status)' }, footer: { da: 'fremskridt', en: 'progress' }, requires: { kind: 'goal', reason: 'noGoalRow' } },
  answer: { keys: [char('a')], scopes: ['today', 'family'], description: { da: 'Registrér svaret på den valgte henvendelse', en: 'Record the answer to the selected contact' }, footer: { da: 'svar', en: 'answer' }, requires: { kind: 'contact', reason: 'noContactRow' } },
  resolve: { keys: [char('r')], scopes: ['today', 'family'], description: { da: 'Afklar den valgte henvendelse', en: 'Resolve the selected contact' }, footer: { da: 'afklar', en: 'resolve' }, requires: { kind: 'contact', reason: 'noContactRow' } },
  minutes: { keys: [char('m')], scopes: ['today', 'family'], description: { da: 'Referat og aftaler for det valgte møde', en: 'Minutes and agreements of the selected meeting' }, footer: { da: 'referat', en: 'minutes' }, requires: { kind: 'meeting', reason: 'noMeetingRow' } },
  agreementDone: { keys: [char('d')], scopes: ['today'], description: { da: 'Markér den valgte aftale som udført (i dag)', en: 'Mark the selected agreement done (today)' }, footer: { da: 'udført', en: 'done' }, requires: { kind: 'agreement', reason: 'noAgreementRow' } },
  addGoal: { keys: [char('g')], scopes: ['family'], description: { da: 'Tilføj et mål til familiens plan', en: "Add a goal to the family's plan" }, footer: { da: 'nyt mål', en: 'add goal' }, requires: { kind: 'family', reason: 'noFamily' } },
  addContact: { keys: [char('c')], scopes: ['family'], description: { da: 'Opret en henvendelse til en anden afdeling', en: 'Open a contact to another department' }, footer: { da: 'ny henvendelse', en: 'add contact' }, requires: { kind: 'family', reason: 'noFamily' } },
  addMeeting: { keys: [char('n')], scopes: ['family'], description: { da: 'Planlæg et møde', en: 'Plan a meeting' }, footer: { da: 'nyt møde', en: 'add meeting' }, requires: { kind: 'family', reason: 'noFamily' } },
  observe: { keys: [char('o')], scopes: ['family'], description: { da: 'Registrér en indikator for en person (beskæftigelse, trivsel, funktionsniveau, fravær ...)', en: 'Record an indicator for a person (employment, well-being, functional level, absence ...)' }, footer: { da: 'indikator', en: 'indicator' }, requires: { kind: 'family', reason: 'noFamily' } },
  // Edit in place (#15)
  edit: { keys: [char('e')], scopes: ['today', 'family'], description: { da: 'Ret det valgte mål (titel, frist, person, prioritet, status), møde (tid, sted, deltagere) eller aftale (hvem, hvad, frist, status; opgivet: skal ikke længere gøres)', en: 'Edit the selected goal (title, due date, member, priority, status), meeting (time, place, attendees) or agreement (who, what, due, status; dropped: no longer to be done)' }, footer: { da: 'ret', en: 'edit' }, requires: { kind: 'editable', reason: 'noEditable' } },
  close: { keys: [char('x')], scopes: ['today', 'family'], description: { da: 'Annullér den valgte henvendelse, eller afslut den valgte indsats', en: 'Cancel the selected contact, or end the selected intervention' }, footer: { da: 'annullér/afslut', en: 'cancel/end' }, requires: { kind: 'closable', reason: 'noClosable' } },
  addIntervention: { keys: [char('v')], scopes: ['family'], description: { da: 'Registrér en indsats for en person', en: 'Record an intervention for a member' }, footer: { da: 'ny indsats', en: 'add intervention' }, requires: { kind: 'family', reason: 'noFamily' } },
  addConsent: { keys: [char('s')], scopes: ['family'], description: { da: 'Registrér et samtykke: hvilke sektorer, fra hvornår, til hvornår', en: 'Record a consent: which sectors, from when, until when' }, footer: { da: 'samtykke', en: 'consent' }, requires: { kind: 'family', reason: 'noFamily' } },
  addCaseEvent: { keys: [char('h')], scopes: ['family'], description: { da: 'Registrér en hændelse i et barns sag (underretning, undersøgelse, anbringelse ...)', en: "Record an event in a child's case (notification, investigation, placement ...)" }, footer: { da: 'hændelse', en: 'case event' }, requires: { kind: 'family', reason: 'noFamily' } },
  editLine: { keys: [char('r')], scopes: ['meeting'], description: { da: 'Ret den valgte linje i referatet (↑/↓ vælger)', en: 'Edit the selected line of the minutes (↑/↓ select)' }, footer: { da: 'ret linje', en: 'edit line' }, requires: { kind: 'line', reason: 'noLine' } },
  removeLine: { keys: [char('x')], scopes: ['meeting'], description: { da: 'Slet den valgte linje i referatet (u fortryder)', en: 'Remove the selected line of the minutes (u undoes it)' }, footer: { da: 'slet linje', en: 'remove line' }, requires: { kind: 'line', reason: 'noLine' } },
  // Listed after the keys that act on a row: the footer follows this order, and a narrow one keeps those.
  open: { keys: [named('return')], scopes: ['today', 'families', 'family'], description: { da: 'Åbn den valgte familie eller det valgte møde', en: 'Open the selected family or meeting' }, footer: { da: 'åbn', en: 'open' }, requires: { kind: 'row', reason: 'noRow' } },
  // Global: `/oscar` on any screen finds a family, as `/` does in less and lazygit.
  filter: { keys: [char('/')], scopes: ['global'], description: { da: 'Find en familie: filtrér alle familier mens du skriver (Esc rydder)', en: 'Find a family: filter all families as you type (Esc clears)' }, footer: { da: 'find', en: 'find' } },
  addLine: { keys: [char('e')], scopes: ['meeting'], description: { da: 'Skriv en linje i referatet', en: 'Write a line in the minutes' }, footer: { da: 'skriv', en: 'write' } },
  addAgreement: { keys: [char('a')], scopes: ['meeting'], description: { da: 'Tilføj en aftale: hvem gør hvad hvornår', en: 'Add an agreement: who does what by when' }, footer: { da: 'aftale', en: 'agreement' } },
  live: { keys: [char('l')], scopes: ['meeting'], description: { da: 'Stor skrift til fælles skærm (stormøde); Esc tilbage til mødet', en: 'Large text for a shared screen (stormøde); Esc back to the meeting' }, footer: { da: 'live', en: 'live' } },
  jump: { keys: [char(':')], scopes: ['global'], description: { da: 'Gå til et id: skriv f.eks. :g12 og Enter (familie, person, mål, møde, aftale, henvendelse)', en: 'Go to an id: type e.g. :g12 and Enter (family, member, goal, meeting, agreement, contact)' }, footer: { da: 'gå til', en: 'go to' } },
  writeDocument: { keys: [char('w')], scopes: ['family', 'meeting'], description: { da: 'Skriv familiens plan (på en familie) eller referatet (på et møde) som HTML til A4', en: "Write the family's plan (on a family) or the minutes (on a meeting) as A4 HTML" }, footer: { da: 'skriv dokument', en: 'write document' } },
  writeCalendar: { keys: [char('K')], scopes: ['family'], description: { da: 'Skriv familiens møder som kalender (.ics)', en: "Write the family's meetings as a calendar (.ics)" }, footer: { da: 'kalender', en: 'calendar' } },
  // A team on one store (#17), after the others so that a narrow footer keeps those: the lead's
  // overview (not global: on a family `o` records an indicator), answering a transfer or a decision
  // waiting in Today, and asking for a transfer.
  overview: { keys: [char('o')], scopes: ['today', 'families', 'report'], description: { da: 'Teamoverblik: hver koordinators sagsstamme, hvad der venter, og svartider pr. sektor', en: "Team overview: each coordinator's caseload, what waits, and reply times per sector" }, footer: { da: 'overblik', en: 'overview' } },
  accept: { keys: [char('y')], scopes: ['today'], description: { da: 'Modtag den valgte overdragelse til dig, eller bevilg den valgte indsats (viser først, hvad den vil overlappe)', en: 'Accept the selected transfer to you, or approve the selected intervention (shows first what it would overlap)' }, footer: { da: 'modtag/bevilg', en: 'accept/approve' }, requires: { kind: 'answerable', reason: 'noAnswerable' } },
  decline: { keys: [char('n')], scopes: ['today'], description: { da: 'Afvis den valgte overdragelse, eller afslå den valgte indsats med en begrundelse', en: 'Decline the selected transfer, or reject the selected intervention with a reason' }, footer: { da: 'afvis/afslå', en: 'decline/reject' }, requires: { kind: 'answerable', reason: 'noAnswerable' } },
  askTransfer: { keys: [char('T')], scopes: ['family'], description: { da: 'Ønsk familien overdraget til en anden koordinator (familien bliver, til de modtager den)', en: 'Ask for the family to move to another coordinator (it stays until they accept)' }, footer: { da: 'overdrag', en: 'transfer' }, requires: { kind: 'family', reason: 'noFamily' } },
  // From assessment to plan (#18); last, so the footers of #15 keep their keys.
  assessment: { keys: [char('A')], scopes: ['family'], description: { da: 'Familiefaglig undersøgelse: start den, eller opdatér et afsnit (status og resumé); e på en linje i panelet retter den', en: 'Family assessment: start it, or update a section (status and summary); e on a line of its panel edits it' }, footer: { da: 'undersøgelse', en: 'assessment' }, requires: { kind: 'family', reason: 'noFamily' } },
  statusForm: { keys: [char('s')], scopes: ['meeting'], description: { da: 'Statusskema (FFS): familiens syn, afdelingernes syn og den aftalte status for et mål', en: "Status form (FFS): the family's view, the departments' views and the agreed status of a goal" }, footer: { da: 'statusskema', en: 'status form' }, requires: { kind: 'ffs', reason: 'noFfs' } },
} as const satisfies Record<string, Binding>;

/** The keys inside a dialog, for the help screen (the router sends them: src/tui/inputRouter.ts). */
export const DIALOG_KEY_HELP: ReadonlyArray<{ keys: string; description: Record<Lang, string> }> = [
  { keys: 'Tab/↑↓', description: { da: 'Næste/forrige felt', en: 'Next/previous field' } },
  { keys: '←/→', description: { da: 'Vælg i et valgfelt; flyt markøren i et tekstfelt', en: 'Choose in a choice field; move the cursor in a text field' } },
  { keys: 'Home/End', description: { da: 'Til start/slut af feltet (også Ctrl-A/Ctrl-E)', en: 'To the start/end of the field (also Ctrl-A/Ctrl-E)' } },
  { keys: 'Del', description: { da: 'Slet tegnet under markøren (Backspace: tegnet før)', en: 'Delete the character under the cursor (Backspace: the one before)' } },
  { keys: 'Ctrl-U/K', description: { da: 'Slet til start/slut af feltet', en: 'Delete to the start/end of the field' } },
  { keys: 'Ctrl-W', description: { da: 'Slet ordet før markøren', en: 'Delete the word before the cursor' } },
  { keys: 'Ctrl-J', description: { da: 'Ny linje i et felt med flere linjer (referat, afklaring)', en: 'New line in a field of several lines (minutes, resolution)' } },
  { keys: 'Enter', description: { da: 'Gem', en: 'Save' } },
  { keys: 'Esc', description: { da: 'Fortryd dialogen', en: 'Cancel the dialog' } },
];

export type Command = keyof typeof BINDINGS;
export const COMMANDS = Object.keys(BINDINGS) as Command[];

export function binding(command: Command): Binding {
  return BINDINGS[command];
}

function matches(spec: KeySpec, input: string, key: NamedKey | undefined): boolean {
  return 'named' in spec ? spec.named === key : key === undefined && spec.char === input;
}

/** The command for one keystroke in the active scopes (the most specific scope first). */
export function commandFor(input: string, key: NamedKey | undefined, scopes: readonly Scope[]): Command | undefined {
  for (const scope of scopes)
    for (const command of COMMANDS) {
      const b = BINDINGS[command];
      if ((b.scopes as readonly Scope[]).includes(scope) && b.keys.some((spec) => matches(spec, input, key))) return command;
    }
  return undefined;
}

const KEY_LABELS: Record<NamedKey, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift-tab': 'S-Tab',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  delete: 'Del',
  'ctrl-u': 'Ctrl-U',
  'ctrl-k': 'Ctrl-K',
  'ctrl-w': 'Ctrl-W',
  newline: 'Ctrl-J',
};

export function keyLabel(command: Command): string {
  return BINDINGS[command].keys.map((spec) => ('named' in spec ? KEY_LABELS[spec.named] : spec.char)).join('/');
}

/** The bindings of the given scopes, in table order, each once. */
export function bindingsIn(scopes: readonly Scope[]): Command[] {
  return COMMANDS.filter((c) => (BINDINGS[c].scopes as readonly Scope[]).some((s) => scopes.includes(s)));
}
