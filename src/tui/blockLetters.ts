// Large letters for the live view's heading, readable across a meeting room: a 3×5 pixel font
// drawn with half blocks, so each letter takes 3 lines of 4 columns (3 and a gap). Letters the
// font lacks are drawn as a small box, never dropped, so a word keeps its length.
const FONT: Record<string, string> = {
  A: '010101111101101', B: '110101110101110', C: '011100100100011', D: '110101101101110', E: '111100110100111',
  F: '111100110100100', G: '011100101101011', H: '101101111101101', I: '111010010010111', J: '001001001101010',
  K: '101101110101101', L: '100100100100111', M: '101111111101101', N: '110101101101101', O: '010101101101010',
  P: '110101110100100', Q: '010101101110011', R: '110101110101101', S: '011100010001110', T: '111010010010010',
  U: '101101101101111', V: '101101101101010', W: '101101111111101', X: '101101010101101', Y: '101101010010010',
  Z: '111001010100111', Æ: '011110111110111', Ø: '011101111101110', Å: '010010101111101', Ä: '101010101111101',
  Ö: '101000111101111', Ü: '101000101101111', É: '001010111110111',
  '0': '111101101101111', '1': '010110010010111', '2': '110001010100111', '3': '110001010001110', '4': '101101111001001',
  '5': '111100110001110', '6': '011100111101111', '7': '111001010010010', '8': '111101111101111', '9': '111101111001110',
  ' ': '000000000000000', '-': '000000111000000', '.': '000000000000010', ',': '000000000010100', ':': '000010000010000',
  '·': '000000010000000', '/': '001001010100100', '(': '010100100100010', ')': '010001001001010', '&': '010101010101011',
};
const UNKNOWN = '000111101111000';

/** Columns one letter takes, with the gap after it. */
export const BLOCK_LETTER_WIDTH = 4;
/** Lines one row of large letters takes. */
export const BLOCK_LETTER_HEIGHT = 3;

function glyph(char: string): string {
  return FONT[char] ?? UNKNOWN;
}

/** One word or line of text in large letters: BLOCK_LETTER_HEIGHT lines. */
export function blockLetters(text: string): string[] {
  const chars = [...text.toLocaleUpperCase('da')];
  const lines: string[] = [];
  for (let pair = 0; pair < BLOCK_LETTER_HEIGHT; pair++) {
    let line = '';
    for (const char of chars) {
      const pixels = glyph(char);
      for (let x = 0; x < 3; x++) {
        const top = pixels[pair * 2 * 3 + x] === '1';
        const bottom = pair * 2 + 1 < 5 && pixels[(pair * 2 + 1) * 3 + x] === '1';
        line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
      }
      line += ' ';
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/**
 * A heading in large letters that fits `width` columns: its words wrapped onto at most `maxRows`
 * rows of letters, a row that does not fit cut with a full stop. Empty when not even one
 * letter fits (the caller shows the heading in ordinary letters instead).
 */
export function blockHeading(text: string, width: number, maxRows = 2): string[] {
  const perRow = Math.floor((width + 1) / BLOCK_LETTER_WIDTH);
  if (perRow < 1) return [];
  const rows: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = current ? `${current} ${word}` : word;
    if ([...joined].length <= perRow) current = joined;
    else {
      if (current) rows.push(current);
      current = word;
    }
  }
  if (current) rows.push(current);
  // A row cut short ends in a full stop (the font has no ellipsis), as does the last kept row when words are left over.
  const cut = (row: string, more: boolean) => {
    const chars = [...row];
    if (chars.length > perRow || (more && chars.length === perRow)) return `${chars.slice(0, perRow - 1).join('')}.`;
    return more ? `${row}.` : row;
  };
  const kept = rows.slice(0, maxRows).map((row, i) => cut(row, i === maxRows - 1 && rows.length > maxRows));
  return kept.flatMap((row) => blockLetters(row));
}
