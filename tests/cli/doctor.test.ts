import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
let box: Sandbox;
afterEach(() => box.cleanup());

function withChanges(count: number, env: NodeJS.ProcessEnv = {}) {
  box = sandbox();
  box.run(['demo', '--date', DATE], { env });
  for (let i = 1; i <= count; i++) expect(box.run(['goal', 'progress', `g${i}`, '--score', '5', '--date', DATE], { env }).code).toBe(0);
}

describe('backups and famcoord doctor', () => {
  it('keeps the last 5 versions, private, and fewer when asked', () => {
    withChanges(7);
    const backups = readdirSync(box.dir).filter((n) => n.startsWith('store.json.bak.')).sort();
    expect(backups).toEqual(['store.json.bak.1', 'store.json.bak.2', 'store.json.bak.3', 'store.json.bak.4', 'store.json.bak.5']);
    for (const b of backups) expect(statSync(`${box.dir}/${b}`).mode & 0o777).toBe(0o600);
    // bak.1 is the version before the last change.
    expect(JSON.parse(readFileSync(`${box.dir}/store.json.bak.1`, 'utf8')).families[0].goals.length).toBeGreaterThan(0);
    box.cleanup();
    withChanges(3, { FAMCOORD_BACKUPS: '2' });
    expect(readdirSync(box.dir).filter((n) => n.startsWith('store.json.bak.')).sort()).toEqual(['store.json.bak.1', 'store.json.bak.2']);
  });

  it('keeps backups and the copy demo --replace keeps 0600 after their modes were opened; doctor names each open one', () => {
    withChanges(3);
    const mode = (name: string) => statSync(`${box.dir}/${name}`).mode & 0o777;
    chmodSync(box.store, 0o644);
    chmodSync(`${box.store}.bak.2`, 0o640);
    const doctor = JSON.parse(box.run(['doctor', '--json']).stdout) as { problems: string[] };
    expect(doctor.problems).toEqual([
      `${box.store} can be read by others (mode 644); the next change sets it to 600`,
      `${box.store}.bak.2 can be read by others (mode 640); the next change sets it to 600`,
    ]);
    // The next change: the store's old version (held by a hard link) and every shifted backup are private.
    expect(box.run(['goal', 'progress', 'g4', '--score', '5', '--date', DATE]).code).toBe(0);
    for (const n of [1, 2, 3, 4]) expect(mode(`store.json.bak.${n}`), `bak.${n}`).toBe(0o600);
    expect(JSON.parse(box.run(['doctor', '--json']).stdout).problems).toEqual([]);
    // demo --replace keeps the old store (a hard link) and its log: private too.
    chmodSync(box.store, 0o644);
    chmodSync(`${box.store}.audit.jsonl`, 0o644);
    const replaced = JSON.parse(box.run(['demo', '--replace', '--json', '--date', DATE]).stdout) as { keptAs: string };
    expect(statSync(replaced.keptAs).mode & 0o777).toBe(0o600);
    expect(statSync(`${replaced.keptAs}.audit.jsonl`).mode & 0o777).toBe(0o600);
    expect(mode('store.json')).toBe(0o600);
  });

  it('explains a damaged store, restores the newest good backup and keeps the damaged file', () => {
    withChanges(2);
    const good = readFileSync(`${box.dir}/store.json.bak.1`);
    const damaged = '{"version":1,"families":[{"id":"f1","name":"Familien Hemmelig"';
    writeFileSync(box.store, damaged);
    const check = box.run(['doctor']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/store: .*store\.json: corrupt/);
    expect(check.stdout).toMatch(/backup 1 .* is good: famcoord doctor --restore puts it back/);
    expect(check.stdout + check.stderr).not.toContain('Hemmelig');
    const restore = box.run(['doctor', '--restore', '--json']);
    expect(restore.code).toBe(0);
    const result = JSON.parse(restore.stdout);
    expect(result).toMatchObject({ ok: true, restored: 1 });
    expect(readFileSync(box.store).equals(good)).toBe(true);
    expect(readFileSync(result.setAside, 'utf8')).toBe(damaged);
    expect(box.run(['today', '--date', DATE]).code).toBe(0);
    expect(box.run(['log']).stdout).toMatch(/doctor\s+restored backup bak\.1/);
    const undo = box.run(['undo']);
    expect(undo.code).toBe(1);
    expect(undo.stderr).toMatch(/restored a backup .* cannot be undone/);
  });

  it('refuses to restore over a store that reads fine', () => {
    withChanges(1);
    const bytes = box.bytes();
    const result = box.run(['doctor', '--restore']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the store reads fine; there is nothing to restore/);
    expect(box.bytes().equals(bytes)).toBe(true);
    expect(existsSync(`${box.store}.damaged`)).toBe(false);
  });

  it('reports a lock, temp files and modes that are too open', async () => {
    withChanges(1);
    writeFileSync(`${box.store}.tmp-99999-abc`, 'x');
    writeFileSync(`${box.store}.lock`, '{}');
    (await import('node:fs')).chmodSync(box.store, 0o644);
    const check = box.run(['doctor', '--json']);
    const problems: string[] = JSON.parse(check.stdout).problems;
    expect(problems.join('\n')).toMatch(/can be read by others \(mode 644\)/);
    expect(problems.join('\n')).toMatch(/a lock file exists/);
    expect(problems.join('\n')).toMatch(/1 temp file\(s\)/);
  });
});
