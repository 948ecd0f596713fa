// Starts the workbench on a terminal and resolves with the exit code when the user quits.
import { render } from 'ink';
import type { PurposeTable } from '../domain/collisions.js';
import type { ReadScope } from '../domain/scope.js';
import type { FamilyStore } from '../store/Store.js';
import { App } from './App.js';
import { bracketedPaste } from './bracketedPaste.js';

export interface TuiOptions {
  store: FamilyStore;
  lang: 'da' | 'en';
  /** A pinned "today" (YYYY-MM-DD); otherwise the real date. */
  today?: string;
  timeZone: string;
  user: string;
  /** The caseload shown (a team's store holds other coordinators' families too). */
  scope: ReadScope;
  noColor: boolean;
  /** The table of same-purpose interventions from the config. */
  purposes?: PurposeTable;
  /** Who the user is on a team's store (see AppProps.person). */
  person?: string;
}

export async function runTui(options: TuiOptions): Promise<number> {
  const initialState = await options.store.read(options.scope);
  const pasteOff = bracketedPaste(process.stdout);
  const instance = render(
    <App store={options.store} scope={options.scope} initialState={initialState} lang={options.lang} {...(options.today !== undefined && { today: options.today })} timeZone={options.timeZone} user={options.user} color={!options.noColor} {...(options.purposes && { purposes: options.purposes })} {...(options.person !== undefined && { person: options.person })} />,
    { exitOnCtrlC: true },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    pasteOff();
  }
  return 0;
}
