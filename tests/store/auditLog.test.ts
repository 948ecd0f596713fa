// Reading the audit log from its end: the last step and undo read only the tail of a log that
// grows with every change.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logLinesNewestFirst, logTail } from '../../src/store/auditLog.js';

const dirs: string[] = [];
function logWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-log-'));
  dirs.push(dir);
  const path = join(dir, 'store.json.audit.jsonl');
  writeFileSync(path, text);
  return path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the audit log read from its end', () => {
  it('gives every line, newest first, whatever their length and the slices they cross', () => {
    // Lines of 1 byte to 200 KB (more than the 64 KB slices), with Danish letters (two bytes in
    // UTF-8) wherever a slice may end.
    const lines = [1, 70_000, 3, 200_000, 65_536, 10].map((length, i) => `{"step":${i + 1},"note":"${'æøå'.repeat(length).slice(0, length)}"}`);
    const path = logWith(`${lines.join('\n')}\n`);
    expect([...logLinesNewestFirst(path)]).toEqual([...lines].reverse());
  });

  it('gives a last line without its newline, skips empty lines, and nothing for an empty or missing log', () => {
    expect([...logLinesNewestFirst(logWith('{"step":1}\n\n{"step":2}'))]).toEqual(['{"step":2}', '{"step":1}']);
    expect([...logLinesNewestFirst(logWith(''))]).toEqual([]);
    expect([...logLinesNewestFirst(join(tmpdir(), 'famcoord-no-such-log.jsonl'))]).toEqual([]);
  });

  it('finds the last step past a line cut short by a crash', async () => {
    expect(logTail(logWith('{"step":1,"ops":[]}\n{"step":2,"ops":[]}\n{"st')).step).toBe(2);
    expect(logTail(logWith('')).step).toBe(0);
  });
});
