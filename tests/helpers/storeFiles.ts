// What a store's files hold, to prove that a step wrote nothing. Of the JSON store's known-good mark
// (STORE.checked) only its hash: any read may add the store file's status to the mark once the
// store is 3 s old (src/store/knownGood.ts), and on a loaded machine that moment can fall between
// the two looks a test takes.
import { readFileSync } from 'node:fs';

export function storeFileContent(path: string): string {
  const bytes = readFileSync(path);
  return path.endsWith('.checked') ? bytes.toString('latin1').split('\n')[0] ?? '' : bytes.toString('base64');
}
