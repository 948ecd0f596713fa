// Danish alphabetical order: ICU's Danish collation (æ, ø, å after z; "aa" as å). Starting an ICU
// collator takes ~8 ms, a tenth of `famcoord today`, and most pairs of names never need it: for
// text of letters a–z, æ, ø, å, digits, spaces, hyphens and full stops, the order of the letters
// themselves (ICU's primary level) is that of the lower-case code points once "aa" (also "Aa",
// "AA": Danish reads them as å) and æ, ø, å are moved after z. Only when two names are the same
// at that level (they differ in case, or "aa" against "å") does ICU decide. Text with "aå" (å is
// a + ring, so it holds "aa" once decomposed) or any other letter goes to ICU too.
// tests/domain/collate.test.ts checks the shortcut against ICU on random text.

/**
 * 'own' for text that is its own key (lower-case letters a–z, digits, spaces, hyphens, full stops)
 * unless it holds "aa"; 'plain' for text of those, A–Z and æøåÆØÅ; undefined for any other. One
 * character at a time rather than by regular expressions: V8 compiles an expression run twice to
 * machine code, ~0.1 M instructions apiece at every start (issue 19).
 */
function letters(text: string): 'own' | 'plain' | undefined {
  let own = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x2e || c === 0x2d) continue;
    if (!((c >= 0x41 && c <= 0x5a) || c === 0xe6 || c === 0xf8 || c === 0xe5 || c === 0xc6 || c === 0xd8 || c === 0xc5)) return undefined;
    own = false;
  }
  return own ? 'own' : 'plain';
}

let collator: Intl.Collator | undefined;
// Sorting compares the same few hundred names thousands of times: each key is worked out once
// (null: ICU must decide), and found again with one lookup.
const primaryKeys = new Map<string, string | null>();

/**
 * The text's letters as ICU's Danish primary level orders them, or null when it cannot be told
 * without ICU: texts whose keys differ are in the order of their keys (as code units).
 */
export function primaryKey(text: string): string | null {
  let key = primaryKeys.get(text);
  if (key !== undefined) return key;
  // Each step only where it changes something: a whole store's Today sorts ~4,000 names and ids
  // (g12, c5), most of them their own keys, and a regular expression's replace costs even where
  // nothing matches.
  const kind = letters(text);
  if (kind === 'own' && !text.includes('aa')) key = text;
  else if (kind === undefined) key = null;
  else {
    const lower = text.toLowerCase(); // plain letters: one lower-case letter for each
    if (lower.includes('aå')) key = null;
    else {
      key = lower.includes('aa') ? text.replace(/aa|Aa|AA/g, 'å').toLowerCase() : lower; // "aA" is not one letter to ICU
      // The code points after "z", in the order Danish has them.
      key = key.replaceAll('æ', '{').replaceAll('ø', '|').replaceAll('å', '}');
    }
  }
  primaryKeys.set(text, key);
  return key;
}

/** Compares two texts in Danish alphabetical order (negative, zero or positive, as Intl.Collator). */
export function compareDanish(a: string, b: string): number {
  if (a === b) return 0;
  const keyA = primaryKey(a);
  const keyB = primaryKey(b);
  if (keyA !== null && keyB !== null && keyA !== keyB) return keyA < keyB ? -1 : 1;
  return (collator ??= new Intl.Collator('da')).compare(a, b);
}
