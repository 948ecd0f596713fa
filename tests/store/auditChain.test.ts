// The audit log's chain, line by line: what each kind of tampering looks like to verifyChain.
import { describe, expect, it } from 'vitest';
import { chainedTexts, verifyChain } from '../../src/store/auditChain.js';
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
