// Bracketed paste: while the workbench runs, the terminal wraps pasted text in ESC[200~ … ESC[201~,
// so a paste types into the focused field instead of running its letters as commands (Ink 6 does
// not ask for it). The mode is switched off however the workbench ends (quit, crash, a signal): a
// shell left in it would see those markers around everything pasted into it afterwards.
const ON = '\u001b[?2004h';
const OFF = '\u001b[?2004l';
const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/** Turns bracketed paste on for a terminal; returns the function that turns it off (once). */
export function bracketedPaste(stdout: NodeJS.WriteStream): () => void {
  if (!stdout.isTTY) return () => {};
  let on = true;
  const off = () => {
    if (!on) return;
    on = false;
    stdout.write(OFF); // synchronous on a terminal, so it lands even as the process dies
    process.removeListener('exit', off);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
  // Our listener would stop the signal from ending the process, so after restoring the terminal
  // it removes itself and sends the signal again, to be handled as if we had never listened
  // (Ink then unmounts and the process ends with the signal's usual status).
  const onSignal = (signal: NodeJS.Signals) => {
    off();
    process.kill(process.pid, signal);
  };
  stdout.write(ON);
  process.on('exit', off);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return off;
}
