// The audit log's chain, line by line: what each kind of tampering looks like to verifyChain.
import { describe, expect, it } from 'vitest';
import { chainedTexts, leadingStep, replayedLastEntry, verifyChain } from '../../src/store/auditChain.js';
import type { AuditEntry } from '../../src/store/auditLog.js';

const entry = (step: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({ step, prev: 'start', time: '2026-11-24T10:00:00.000Z', user: 'u', source: 'cli', ops: [], familyIds: [], before: {}, ...extra });
const chained = (n: number) => chainedTexts(Array.from({ length: n }, (_, i) => entry(i + 1)));
const check = (texts: Array<string | undefined>) => verifyChain(texts.map((text) => ({ text })));

describe('verifyChain', () => {
  it('accepts a whole chain and an empty log', () => {
    expect(check(chained(4))).toEqual({ chainedFrom: 1, entries: 4, unchained: 0 });
    expect(check([])).toEqual({ entries: 0, unchained: 0 });
  });

  it('names the first broken step: a deleted first line, an edited line, an unreadable one', () => {
    const texts = chained(4);
    expect(check(texts.slice(1)).broken).toBe('step 2: it does not follow on from the start of the log; a line between them was deleted, or one was replayed or changed');
    const edited = [...texts];
    edited[1] = (edited[1] as string).replace('"user":"u"', '"user":"x"');
    expect(check(edited).broken).toMatch(/^step 3: it does not follow on from step 2/);
    expect(check([texts[0], undefined, texts[2]]).broken).toBe('the line after step 1: it cannot be read, so the chain cannot be followed past it');
  });

  it('starts at the first chained entry of an older log, and then wants a link on every entry', () => {
    const old = [entry(1), entry(2)].map(({ prev: _prev, ...rest }) => JSON.stringify(rest));
    const texts = [...old, ...chainedTexts([entry(3), entry(4)], old[1])];
    expect(check(texts)).toEqual({ chainedFrom: 3, entries: 4, unchained: 2 });
    expect(check([...texts, old[0] as string]).broken).toBe('step 1: it comes after step 4, a replayed or moved step');
    const { prev: _prev, ...unlinked } = entry(5);
    expect(check([...texts, JSON.stringify(unlinked)]).broken).toBe('step 5: it carries no link to the step before it (an inserted or replaced line)');
  });
});

describe('replayedLastEntry', () => {
  const text = (step: number, rest = '') => `{"step":${step},"prev":"x","time":"t"${rest}}`;
  // Each answer with the texts as strings and as their UTF-8 bytes (a SQLite row read for an append).
  const check = (before: string | undefined, last: string) => {
    const answers = [replayedLastEntry({ text: before }, { text: last }), replayedLastEntry({ text: before && Buffer.from(before) }, { text: Buffer.from(last) })];
    expect(answers[1]).toBe(answers[0]);
    return answers[0];
  };

  it('refuses a last step that does not rise, and nothing else', () => {
    expect(check(text(4), text(5))).toBeUndefined();
    expect(check(text(4), text(4))).toBe('step 4: it comes after step 4, a replayed or moved step');
    expect(check(text(4), text(2))).toBe('step 2: it comes after step 4, a replayed or moved step');
    expect(check(undefined, text(2))).toBeUndefined();
  });

  it('reads the steps as JSON.parse does, not only from the texts\' starts', () => {
    // A later "step" key wins in JSON.parse, spelt plainly or with an escape, at the top or not.
    expect(check(text(4), text(5, ',"step":3'))).toBe('step 3: it comes after step 4, a replayed or moved step');
    expect(check(text(4), text(5, ',"st\\u0065p":3'))).toBe('step 3: it comes after step 4, a replayed or moved step');
    expect(check(text(4, ',"step":9'), text(5))).toBe('step 5: it comes after step 9, a replayed or moved step');
    expect(check(text(4), text(5, ',"ops":[{"step":1}]'))).toBeUndefined();
    // A text that does not parse is doctor's to report, whatever its start says.
    expect(check(text(4), '{"step":3,"prev":')).toBeUndefined();
    expect(check('{"step":9,', text(5))).toBeUndefined();
    expect(check(text(4), '{"step":03}')).toBeUndefined();
    expect(check(text(4), '{ "step": 3 }')).toBe('step 3: it comes after step 4, a replayed or moved step');
  });

  it('tells a step from a text\'s start only when nothing later can override it', () => {
    expect(leadingStep(text(12))).toBe(12);
    expect(leadingStep(Buffer.from(text(12, ',"note":"æøå"')))).toBe(12);
    expect(leadingStep('{"step":7}')).toBe(7);
    for (const unsure of [text(12, ',"step":1'), text(12, ',"a":"\\u0041"'), '{ "step":1,', '{"step":1.5,', '{"prev":"x","step":1}', '\ufeff{"step":1,'])
      expect(leadingStep(unsure), unsure).toBeUndefined();
  });
});
