// The width of text in a terminal, for the text the workbench mostly draws (Danish and other
// Latin letters, punctuation, box drawing), without string-width's grapheme segmenter and Unicode
// property expressions: Ink measures every piece of text of every frame, and for any text beyond
// ASCII string-width segmented it with ICU and tried its emoji expressions on each cluster, about
// a tenth of the workbench's first frame (issue 19). The build (scripts/build.mjs) puts this in
// front of every string-width in the program, Ink's included; anything else goes to string-width.

/**
 * Characters that are one cluster and one column each (under string-width's default, which counts
 * East Asian Ambiguous as narrow): printable ASCII and Latin-1 without the soft hyphen, Latin
 * Extended-A/B, IPA and the spacing modifier letters (not the combining marks after them), general
 * punctuation between the zero-width and bidi controls, and box drawing and block elements.
 * tests/tui/textWidth.test.ts checks every one against string-width.
 */
const ONE_COLUMN_EACH = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2500-\u259f]*$/;

/** The width string-width would give, when the text is only such characters; otherwise undefined. */
export function narrowTextWidth(text: unknown, options?: { ambiguousIsNarrow?: boolean }): number | undefined {
  if (typeof text !== 'string' || options?.ambiguousIsNarrow === false) return undefined;
  return ONE_COLUMN_EACH.test(text) ? text.length : undefined;
}

// An emoji modifier (the skin tones U+1F3FB–U+1F3FF) after an emoji: string-width counts the pair
// as the one emoji that terminals which join them draw, two columns; tmux, xterm and the Linux
// console draw the modifier as an emoji of its own, four columns in all. A line padded to the
// terminal's width with such a name or minutes line in it then wraps, and the frame scrolls up a
// line (the header gone). So the workbench counts them the wide way: a terminal that joins them
// shows two spaces more, never a broken frame.
const EMOJI_MODIFIER = /[\u{1f3fb}-\u{1f3ff}]/gu;
const HAS_EMOJI_MODIFIER = /\ud83c[\udffb-\udfff]/;

/**
 * The width of text as the widest terminal draws it: `width`'s answer with each emoji modifier
 * counted as two columns of its own. `width` may be a function that already does this (every
 * string-width of the program is one, see scripts/build.mjs): the answer is the same.
 */
export function terminalTextWidth<Options>(text: string, options: Options | undefined, width: (text: string, options?: Options) => number): number {
  if (typeof text !== 'string' || !HAS_EMOJI_MODIFIER.test(text)) return width(text, options);
  const modifiers = text.match(EMOJI_MODIFIER)?.length ?? 0;
  return width(text.replace(EMOJI_MODIFIER, ''), options) + 2 * modifiers;
}
