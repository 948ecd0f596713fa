// Encryption at rest on the command line, as scripts use it: the passphrase in FAMCOORD_PASSPHRASE.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const PASSPHRASE = 'korrekt hest batteri';
const withPassphrase = { env: { FAMCOORD_PASSPHRASE: PASSPHRASE } };
let box: Sandbox;
afterEach(() => box.cleanup());

/** Every file famcoord keeps beside the store: the store, its backups and its audit log. */
const storeFiles = () => readdirSync(box.dir).filter((n) => n.startsWith('store.json')).map((n) => join(box.dir, n));

function encryptedStoreWithAGoal(): void {
  box = sandbox();
  expect(box.run(['init', '--encrypt'], withPassphrase)).toMatchObject({ code: 0, stdout: expect.stringMatching(/Created an empty encrypted store.*\nKeep the passphrase safe/) });
  expect(box.run(['families', 'add', '--name', 'Familien Zebrafisk', '--member', 'Ida Zebrafisk:child'], withPassphrase).code).toBe(0);
  expect(box.run(['goal', 'add', 'f1', '--title', 'Ida kommer i skole hver dag', '--sector', 'school', '--due', '2026-11-20'], withPassphrase).code).toBe(0);
  expect(box.run(['goal', 'progress', 'g1', '--score', '6', '--note', 'Mødte op tre dage', '--date', DATE], withPassphrase).code).toBe(0);
}

describe('an encrypted store on the command line', () => {
  it('is created, changed and read with FAMCOORD_PASSPHRASE, and holds no plaintext anywhere', () => {
    encryptedStoreWithAGoal();
    const today = box.run(['today', '--json', '--date', DATE], withPassphrase);
    expect(today.code).toBe(0);
    expect(JSON.parse(today.stdout).overdueGoals).toMatchObject([{ id: 'g1', familyName: 'Familien Zebrafisk' }]);
    expect(box.run(['log'], withPassphrase).stdout).toMatch(/goal\.progress/);
    const files = storeFiles();
    expect(files.map((f) => f.slice(box.dir.length + 1)).sort()).toEqual(['store.json', 'store.json.audit.jsonl', 'store.json.bak.1', 'store.json.bak.2', 'store.json.bak.3', 'store.json.checked']);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of ['Zebrafisk', 'Ida', 'Mødte op', 'skole', PASSPHRASE]) expect(bytes.includes(secret), `${file} holds ${secret}`).toBe(false);
    }
  });

  it('refuses a wrong passphrase with one line and exit 1, and a missing one in a pipe with exit 2, changing nothing', () => {
    encryptedStoreWithAGoal();
    const before = storeFiles().map((f) => readFileSync(f));
    const wrong = box.run(['goal', 'progress', 'g1', '--score', '9'], { env: { FAMCOORD_PASSPHRASE: 'forkert passphrase' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^famcoord: the passphrase does not open the encrypted store .*store\.json.*; it was not changed\n$/);
    const missing = box.run(['today']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^famcoord: the store is encrypted: run famcoord on a terminal to be asked for the passphrase, or set FAMCOORD_PASSPHRASE\n$/);
    for (const result of [wrong, missing]) expect(result.stdout + result.stderr).not.toMatch(/forkert|korrekt|Zebrafisk/);
    expect(storeFiles().map((f) => readFileSync(f))).toEqual(before);
  });

  it('needs a passphrase of at least 8 characters to create one, and writes nothing without it', () => {
    box = sandbox();
    expect(box.run(['init', '--encrypt'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/an encrypted store needs a passphrase: .*FAMCOORD_PASSPHRASE/) });
    expect(box.run(['init', '--encrypt'], { env: { FAMCOORD_PASSPHRASE: 'kort' } })).toMatchObject({ code: 2, stderr: expect.stringMatching(/at least 8 characters/) });
    expect(existsSync(box.store)).toBe(false);
  });

  it('makes an encrypted demo, which doctor checks with the passphrase and reports as encrypted without it', () => {
    box = sandbox();
    expect(box.run(['demo', '--encrypt', '--families', '3', '--date', DATE], withPassphrase).code).toBe(0);
    expect(readFileSync(box.store).toString('latin1')).toMatch(/^famcoord-encrypted-v1 \{"kdf":"scrypt","N":32768,"r":8,"p":1,/);
    expect(box.run(['goal', 'progress', 'g1', '--score', '4'], withPassphrase).code).toBe(0);
    expect(box.run(['doctor'], withPassphrase)).toMatchObject({ code: 0, stdout: expect.stringMatching(/store: .*store\.json: ok \(3 families, encrypted\)[^]*1 .* ok +3[^]*no problems found/) });
    const locked = box.run(['doctor']);
    expect(locked.code).toBe(1);
    expect(locked.stdout).toMatch(/store: .*store\.json: encrypted\n[^]*is encrypted and no passphrase was given/);
  });

  it('is put back from an encrypted backup by doctor --restore when a byte of it changed', () => {
    encryptedStoreWithAGoal();
    const damaged = box.bytes();
    damaged[damaged.length - 40] = (damaged[damaged.length - 40] as number) ^ 0x80;
    writeFileSync(box.store, damaged);
    const refused = box.run(['today'], withPassphrase);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/^famcoord: the encrypted store .*store\.json is damaged \(it fails its integrity check\); it was not changed\n$/) });
    expect(box.bytes().equals(damaged)).toBe(true);
    expect(box.run(['doctor'], withPassphrase).stdout).toMatch(/store: .*: corrupt \(encrypted\)[^]*backup 1 .* is good/);
    expect(box.run(['doctor', '--restore'], withPassphrase).code).toBe(0);
    expect(box.run(['log'], withPassphrase).stdout).toMatch(/doctor\s+restored backup bak\.1/);
    expect(box.run(['family', 'f1', '--json'], withPassphrase).code).toBe(0);
    expect(readFileSync(`${box.store}.audit.jsonl`).includes('restored')).toBe(false);
  });
});
