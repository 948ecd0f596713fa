// Danish alphabetical order: ICU's Danish collation (æ, ø, å after z; "aa" as å). Starting an ICU
// collator takes ~8 ms, a tenth of `famcoord today`, and most pairs of names never need it: for
// text of letters a–z, æ, ø, å, digits, spaces, hyphens and full stops, the order of the letters
// themselves (ICU's primary level) is that of the lower-case code points once "aa" (also "Aa",
// "AA": Danish reads them as å) and æ, ø, å are moved after z. Only when two names are the same
// at that level (they differ in case, or "aa" against "å") does ICU decide. Text with "aå" (å is
// a + ring, so it holds "aa" once decomposed) or any other letter goes to ICU too.
// tests/domain/collate.test.ts checks the shortcut against ICU on random text.
const PLAIN = /^[A-Za-z0-9 .\-æøåÆØÅ]*$/;
const DECOMPOSES_TO_AA = /aå/i;
const AFTER_Z: Record<string, string> = { æ: '{', ø: '|', å: '}' }; // the code points after "z"
/** Text that is its own key (lower-case letters a–z, digits, spaces, hyphens, full stops), unless it holds "aa". */
const OWN_KEY = /^[a-z0-9 .-]*$/;
const DOUBLE_A = /aa/i;
const DANISH_LETTER = /[æøå]/;

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
  if (OWN_KEY.test(text) && !text.includes('aa')) key = text;
  else if (!PLAIN.test(text) || DECOMPOSES_TO_AA.test(text)) key = null;
  else {
    key = (DOUBLE_A.test(text) ? text.replace(/aa|Aa|AA/g, 'å') : text).toLowerCase(); // "aA" is not one letter to ICU
    if (DANISH_LETTER.test(key)) key = key.replace(/[æøå]/g, (letter) => AFTER_Z[letter] as string);
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
