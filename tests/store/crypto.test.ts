import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { logTail, readAuditLog } from '../../src/store/auditLog.js';
import { DEFAULT_COST, Keyring, MAGIC, newHeader, readHeader, SealError, sealLine, sealStore, unsealLine, unsealStore } from '../../src/store/crypto.js';
import { StoreError } from '../../src/store/errors.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { family, goal, state } from '../helpers/fixtures.js';

const PASSPHRASE = 'korrekt hest batteri';
const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const progress = (note: string) => [OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 5, note })];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function storePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-crypt-'));
  dirs.push(dir);
  return join(dir, 'store.json');
}

/** A passphrase source that counts how often it is asked. */
function source(passphrase = PASSPHRASE) {
  const asked: string[] = [];
  return { asked, keyring: new Keyring(async (purpose) => (asked.push(purpose), passphrase)) };
}

const secretFamily = () => state(family('f1', { name: 'Familien Zebrafisk', goals: [goal('g1', '2026-12-01')] }));

async function encryptedStore(): Promise<JsonFileStore> {
  const store = new JsonFileStore(storePath(), source());
  await store.create(secretFamily(), { encrypt: true });
  await store.transact(progress('Mødte op'), META);
  return store;
}

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  expect((error as Error).message).not.toContain(PASSPHRASE);
  expect((error as Error).message).not.toMatch(/Zebrafisk|Mødte/);
  return error as StoreError;
}

describe('the sealing functions', () => {
  it('round-trips a store and a log line, each write with a new nonce', async () => {
    const { header, keys } = await newHeader(PASSPHRASE);
    const seal = () => Buffer.concat([...sealStore(['{"a":', '"Zebrafisk"}'], header, keys.store)]);
    const sealed = seal();
    expect(sealed.toString('latin1').startsWith(`${MAGIC} {"kdf":"scrypt","N":32768,"r":8,"p":1,"salt":`)).toBe(true);
    expect(sealed.includes('Zebrafisk')).toBe(false);
    expect(seal().equals(sealed)).toBe(false);
    const { bodyStart } = readHeader(sealed);
    expect(unsealStore(sealed, bodyStart, keys.store).toString()).toBe('{"a":"Zebrafisk"}');
    const line = sealLine('{"step":1}', keys.log);
    expect(line).toMatch(/^enc1:[A-Za-z0-9+/=]+$/);
    expect(unsealLine(line, keys.log)).toBe('{"step":1}');
    expect(unsealLine(line, keys.store)).toBeUndefined();
  });

  it('uses scrypt N=2^15, r=8, p=1 for new stores, and refuses any other cost a forged header asks for', async () => {
    expect(DEFAULT_COST).toEqual({ N: 32768, r: 8, p: 1 });
    const { header } = await newHeader(PASSPHRASE);
    for (const cost of [{ N: 2 ** 30 }, { N: 2 ** 20, r: 32, p: 16 }, { N: 2 ** 10 }, { r: 9 }, { p: 2 }, { N: '32768' }]) {
      const forged = Buffer.from(`${MAGIC} ${JSON.stringify({ ...header, ...cost })}\nxxxx`);
      expect(() => readHeader(forged), JSON.stringify(cost)).toThrow(new SealError('unsupported'));
    }
  });
});

describe('an encrypted JSON store', () => {
  it('reads and writes transparently, and keeps no plaintext in the store, its backups or its audit log', async () => {
    const store = await encryptedStore();
    await store.transact(progress('Anden gang'), META);
    const again = new JsonFileStore(store.path, source());
    expect((await again.read()).families[0]?.goals[0]?.progress.map((p) => p.note)).toEqual(['Mødte op', 'Anden gang']);
    expect((await again.history()).map((e) => e.step)).toEqual([1, 2]);
    for (const file of [store.path, `${store.path}.bak.1`, `${store.path}.bak.2`, `${store.path}.audit.jsonl`]) {
      const bytes = readFileSync(file);
      for (const secret of ['Zebrafisk', 'Mødte', 'Anden gang', 'Mette', PASSPHRASE]) expect(bytes.includes(secret), `${file} holds ${secret}`).toBe(false);
    }
    expect(readFileSync(`${store.path}.bak.1`).toString('latin1').startsWith(MAGIC)).toBe(true);
    const backup = await new JsonFileStore(`${store.path}.bak.1`, source()).read();
    expect(backup.families[0]?.goals[0]?.progress).toHaveLength(1);
    expect(readFileSync(`${store.path}.audit.jsonl`, 'utf8').split('\n').filter(Boolean).every((l) => l.startsWith('enc1:'))).toBe(true);
    expect(await store.undo(META)).toMatchObject({ undid: 2 });
  });

  it('derives the key once per process, asking for the passphrase only when it meets an encrypted store', async () => {
    const plain = new JsonFileStore(storePath(), source());
    await plain.create(secretFamily());
    const plainSource = source();
    await new JsonFileStore(plain.path, plainSource).transact(progress('x'), META);
    expect(plainSource.asked).toEqual([]);

    const encrypted = await encryptedStore();
    const counted = source();
    const store = new JsonFileStore(encrypted.path, counted);
    await store.read();
    await store.transact(progress('y'), META);
    await store.history();
    await store.read();
    expect(counted.asked).toEqual(['unlock']);
  });

  it('refuses a wrong passphrase, or none, and changes nothing', async () => {
    const store = await encryptedStore();
    const bytes = readFileSync(store.path);
    const log = readFileSync(`${store.path}.audit.jsonl`);
    const wrong = new JsonFileStore(store.path, source('forkert passphrase'));
    expect((await refusal(wrong.read())).message).toMatch(/the passphrase does not open the encrypted store .*store\.json/);
    expect((await refusal(wrong.transact(progress('z'), META))).kind).toBe('passphrase');
    await refusal(wrong.undo(META));
    expect((await refusal(new JsonFileStore(store.path).read())).message).toMatch(/is encrypted and no passphrase was given; set FAMCOORD_PASSPHRASE/);
    expect(readFileSync(store.path).equals(bytes)).toBe(true);
    expect(readFileSync(`${store.path}.audit.jsonl`).equals(log)).toBe(true);
  });

  it('refuses a header asking for scrypt at N=2^20, r=32, p=16 (4 GB) at once, before asking for the passphrase', async () => {
    const store = await encryptedStore();
    const good = readFileSync(store.path);
    const { bodyStart } = readHeader(good);
    const forgedHeader = good.toString('latin1', 0, bodyStart).replace('"N":32768,"r":8,"p":1', '"N":1048576,"r":32,"p":16');
    writeFileSync(store.path, Buffer.concat([Buffer.from(forgedHeader, 'latin1'), good.subarray(bodyStart)]));
    const { asked, keyring } = source();
    const error = await refusal(new JsonFileStore(store.path, { keyring }).read());
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/unsupported encryption parameters/);
    expect(asked).toEqual([]);
  });

  it('detects a flipped bit anywhere: magic, header, salt, key check, nonce, ciphertext, tag; and a cut-short file', async () => {
    const store = await encryptedStore();
    const good = readFileSync(store.path);
    const { bodyStart } = readHeader(good);
    const headerText = good.toString('latin1', 0, bodyStart);
    const places = {
      magic: 0,
      'header JSON': headerText.indexOf('"kdf"') + 1,
      cost: headerText.indexOf('"N":') + 4,
      salt: headerText.indexOf('"salt":"') + 9,
      'key check': headerText.indexOf('"check":"') + 10,
      'header newline': bodyStart - 1,
      nonce: bodyStart + 3,
      ciphertext: bodyStart + Math.floor((good.length - bodyStart) / 2),
      tag: good.length - 1,
    };
    for (const [place, offset] of Object.entries(places)) {
      const damaged = Buffer.from(good);
      damaged[offset] = (damaged[offset] as number) ^ 0x01;
      writeFileSync(store.path, damaged);
      const reader = new JsonFileStore(store.path, source());
      expect(['corrupt', 'passphrase'], place).toContain((await refusal(reader.read())).kind);
      await refusal(reader.transact(progress('never'), META));
      expect(readFileSync(store.path).equals(damaged), place).toBe(true);
    }
    for (const length of [good.length - 1, bodyStart + 20, bodyStart, 30]) {
      writeFileSync(store.path, good.subarray(0, length));
      expect((await refusal(new JsonFileStore(store.path, source()).read())).kind).toBe('corrupt');
      expect(readFileSync(store.path).length).toBe(length);
    }
    writeFileSync(store.path, good);
    expect((await new JsonFileStore(store.path, source()).read()).families).toHaveLength(1);
  });

  it('skips a damaged or cut-short log line, and numbers the next step after the last readable one', async () => {
    const store = await encryptedStore();
    const logPath = `${store.path}.audit.jsonl`;
    const key = await store.logKey();
    appendFileSync(logPath, sealLine('{"step":2,"ops":[]}', key as Buffer).slice(0, 40));
    expect(logTail(logPath, key).step).toBe(1);
    expect((await readAuditLog(logPath, key)).map((e) => e.step)).toEqual([1]);
    expect(await readAuditLog(logPath)).toEqual([]);
  });
});
