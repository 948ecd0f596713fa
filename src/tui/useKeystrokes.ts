// The workbench's keyboard: raw terminal input, split into keystrokes by our own tokenizer.
// Ink's useInput is not enough here: it strips the ESC of sequences it does not know, so the
// bracketed-paste markers ESC[200~ / ESC[201~ would arrive as the typed text "[200~". We listen to
// the same stream of input events useInput reads (Ink splits a chunk at escape sequences and holds
// back an incomplete one) and keep the tokenizer's state (a paste in progress) between events.
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { endOpenPaste, tokenize, type Keystroke, type TokenizerState } from './keystrokes.js';

// How long a paste may wait for its end marker before what came is taken as the whole paste. A
// terminal sends a paste in one burst; a second leaves room for a slow ssh link.
export const OPEN_PASTE_MS = 1000;

export function useKeystrokes(handle: (keystrokes: Keystroke[]) => void): void {
  const { setRawMode, internal_eventEmitter: inputEvents } = useStdin();
  const handler = useRef(handle);
  handler.current = handle;
  useEffect(() => {
    setRawMode(true);
    return () => setRawMode(false);
  }, [setRawMode]);
  useEffect(() => {
    let state: TokenizerState = {};
    let openPaste: NodeJS.Timeout | undefined;
    const deliver = (result: { keystrokes: Keystroke[]; state: TokenizerState }) => {
      state = result.state;
      clearTimeout(openPaste);
      openPaste = state.pasting === undefined ? undefined : setTimeout(() => deliver(endOpenPaste(state)), OPEN_PASTE_MS);
      if (result.keystrokes.length > 0) handler.current(result.keystrokes);
    };
    const onInput = (input: string) => deliver(tokenize(input, state));
    inputEvents.on('input', onInput);
    return () => {
      clearTimeout(openPaste);
      inputEvents.removeListener('input', onInput);
    };
  }, [inputEvents]);
}
