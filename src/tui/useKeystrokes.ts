// The workbench's keyboard: raw terminal input, split into keystrokes by our own tokenizer.
// Ink's useInput is not enough here: it strips the ESC of sequences it does not know, so the
// bracketed-paste markers ESC[200~ / ESC[201~ would arrive as the typed text "[200~". We listen to
// the same stream of input events useInput reads (Ink splits a chunk at escape sequences and holds
// back an incomplete one) and keep the tokenizer's state (a paste in progress) between events.
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { tokenize, type Keystroke, type TokenizerState } from './keystrokes.js';

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
    const onInput = (input: string) => {
      const result = tokenize(input, state);
      state = result.state;
      if (result.keystrokes.length > 0) handler.current(result.keystrokes);
    };
    inputEvents.on('input', onInput);
    return () => {
      inputEvents.removeListener('input', onInput);
    };
  }, [inputEvents]);
}
