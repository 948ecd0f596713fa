// Encryption at rest. An encrypted store file is one header line, then binary data:
//
//   famcoord-encrypted-v1 {"kdf":"scrypt","N":32768,"r":8,"p":1,"salt":"…","check":"…"}\n
//   <12-byte random nonce><AES-256-GCM ciphertext of the JSON store><16-byte tag>
//
// scrypt turns the passphrase and the store's random salt into a master key; HKDF splits it into
// a key for the store, a key for the audit log and a short key check, so a wrong passphrase is
// told apart from a damaged file. The header line is the cipher's additional data: changing any
// byte of it, the nonce, the ciphertext or the tag makes decryption fail as a whole, and nothing
// is returned. Audit log lines are sealed one by one ("enc1:" + base64 of nonce, ciphertext and
// tag) so appending stays an append. Nothing here stores or reports the passphrase.
import { nodeCrypto } from './nodeCrypto.js';

export const MAGIC = 'famcoord-encrypted-v1';
const CIPHER = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LINE_PREFIX = 'enc1:';
/** The longest header we read; a real one is about 150 bytes. */
export const MAX_HEADER_BYTES = 1024;

export interface KdfCost {
  N: number;
  r: number;
  p: number;
}

/** scrypt at N=2^15, r=8, p=1: 32 MiB and about 0.1 s on a laptop, once per command. */
export const DEFAULT_COST: KdfCost = { N: 2 ** 15, r: 8, p: 1 };

/** What the header line holds: how to derive the key again, and a check of the derived key. */
export interface Header extends KdfCost {
  kdf: 'scrypt';
  /** 16 random bytes, base64; new for every store created. */
  salt: string;
  /** 16 bytes derived from the key, base64: tells a wrong passphrase from a damaged file. */
  check: string;
}

export interface StoreKeys {
  store: Buffer;
  log: Buffer;
  check: Buffer;
}

export type SealErrorReason = 'header' | 'unsupported' | 'passphrase' | 'damaged' | 'no-passphrase';

/** Why a sealed file cannot be opened. Carries no data and never the passphrase. */
export class SealError extends Error {
  constructor(readonly reason: SealErrorReason) {
    super(reason);
    this.name = 'SealError';
  }
}

/**
 * The scrypt costs famcoord writes. A header asking for any other is refused before scrypt runs:
 * scrypt takes the memory and time the header asks for (N=2^20, r=32, p=16 is 4 GB and minutes),
 * so a forged or damaged header must not be able to choose them.
 */
const ACCEPTED_COSTS: readonly KdfCost[] = [DEFAULT_COST];

function checkCost({ N, r, p }: KdfCost): void {
  if (!ACCEPTED_COSTS.some((cost) => cost.N === N && cost.r === r && cost.p === p)) throw new SealError('unsupported');
}

export async function deriveKeys(passphrase: string, header: KdfCost & { salt: string }): Promise<StoreKeys> {
  checkCost(header);
  const salt = Buffer.from(header.salt, 'base64');
  const master = await new Promise<Buffer>((resolve, reject) =>
    nodeCrypto().scrypt(passphrase.normalize('NFC'), salt, 32, { N: header.N, r: header.r, p: header.p, maxmem: 256 * header.N * header.r * header.p }, (error, key) => (error ? reject(error) : resolve(key))),
  );
  const sub = (info: string, length: number) => Buffer.from(nodeCrypto().hkdfSync('sha256', master, salt, info, length));
  return { store: sub('famcoord store', 32), log: sub('famcoord audit log', 32), check: sub('famcoord key check', 16) };
}

/** A header for a new store (a fresh salt) and its keys. */
export async function newHeader(passphrase: string): Promise<{ header: Header; keys: StoreKeys }> {
  const params = { kdf: 'scrypt' as const, ...DEFAULT_COST, salt: nodeCrypto().randomBytes(16).toString('base64') };
  const keys = await deriveKeys(passphrase, params);
  return { header: { ...params, check: keys.check.toString('base64') }, keys };
}

/**
 * Whether the bytes are (or were meant to be) an encrypted store: the magic, or a first line that
 * is not JSON but names a kdf (a header with a damaged magic must not be read as a JSON store).
 */
export function isSealed(bytes: Buffer): boolean {
  const head = bytes.subarray(0, MAX_HEADER_BYTES).toString('latin1');
  if (head.startsWith(`${MAGIC} `)) return true;
  const firstLine = head.split('\n', 1)[0] as string;
  return !firstLine.trimStart().startsWith('{') && firstLine.includes('"kdf"');
}

/** The header line of a sealed file, and where its binary part starts. */
export function readHeader(bytes: Buffer): { header: Header; bodyStart: number } {
  const end = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  const line = end < 0 ? '' : bytes.toString('utf8', 0, end);
  if (!line.startsWith(`${MAGIC} `)) throw new SealError('header');
  let header: Header;
  try {
    header = JSON.parse(line.slice(MAGIC.length + 1)) as Header;
  } catch {
    throw new SealError('header');
  }
  if (header?.kdf !== 'scrypt' || typeof header.salt !== 'string' || typeof header.check !== 'string') throw new SealError('header');
  checkCost(header);
  return { header, bodyStart: end + 1 };
}

function headerLine(header: Header): Buffer {
  const { kdf, N, r, p, salt, check } = header;
  return Buffer.from(`${MAGIC} ${JSON.stringify({ kdf, N, r, p, salt, check })}\n`, 'utf8');
}

/** The sealed file as a stream of buffers: header, nonce, ciphertext in slices, tag. */
export function* sealStore(chunks: Iterable<string | Uint8Array>, header: Header, key: Buffer): Generator<Buffer> {
  const line = headerLine(header);
  const nonce = nodeCrypto().randomBytes(NONCE_BYTES);
  const cipher = nodeCrypto().createCipheriv(CIPHER, key, nonce).setAAD(line);
  yield line;
  yield nonce;
  for (const chunk of chunks) yield typeof chunk === 'string' ? cipher.update(chunk, 'utf8') : cipher.update(chunk);
  yield cipher.final();
  yield cipher.getAuthTag();
}

/** The plaintext of a sealed file; throws SealError('damaged') unless every byte is as written. */
export function unsealStore(bytes: Buffer, bodyStart: number, key: Buffer): Buffer {
  const body = bytes.subarray(bodyStart);
  if (body.length < NONCE_BYTES + TAG_BYTES) throw new SealError('damaged');
  const decipher = nodeCrypto().createDecipheriv(CIPHER, key, body.subarray(0, NONCE_BYTES)).setAAD(bytes.subarray(0, bodyStart));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError('damaged');
  }
}

export function isSealedLine(line: string): boolean {
  return line.startsWith(LINE_PREFIX);
}

/** One audit log line, sealed: "enc1:" + base64(nonce, ciphertext, tag), no newline. */
export function sealLine(text: string, key: Buffer): string {
  const nonce = nodeCrypto().randomBytes(NONCE_BYTES);
  const cipher = nodeCrypto().createCipheriv(CIPHER, key, nonce);
  const sealed = Buffer.concat([nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${LINE_PREFIX}${sealed.toString('base64')}`;
}

/** The text of a sealed line, or undefined when it is damaged or cut short. */
export function unsealLine(line: string, key: Buffer): string | undefined {
  const sealed = Buffer.from(line.slice(LINE_PREFIX.length), 'base64');
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = nodeCrypto().createDecipheriv(CIPHER, key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

const keyId = (header: Header) => `${header.N}/${header.r}/${header.p}/${header.salt}/${header.check}`;

/**
 * Asks for the passphrase: "unlock" an existing store, or "create" a new one (asked twice on a
 * terminal). `refused` counts the passphrases already given that did not open the store: a source
 * that can ask again (a person at a terminal) asks; one that cannot (an environment variable)
 * throws SealError('passphrase').
 */
export type PassphraseSource = (purpose: 'unlock' | 'create', refused?: number) => Promise<string>;

/** How many passphrases a person may type before famcoord gives up on the store. */
export const UNLOCK_TRIES = 3;

/**
 * The keys of the stores one process opens, each derived once (scrypt is deliberately slow) and
 * checked against its header's key check. The passphrase is asked for only when a sealed file is met.
 */
export class Keyring {
  private readonly derived = new Map<string, Promise<StoreKeys>>();

  constructor(private readonly passphrase?: PassphraseSource) {}

  private ask(purpose: 'unlock' | 'create', refused = 0): Promise<string> {
    if (!this.passphrase) throw new SealError('no-passphrase');
    return this.passphrase(purpose, refused);
  }

  /** The keys for a sealed file's header; SealError('passphrase') when the passphrase does not fit. */
  unlock(header: Header): Promise<StoreKeys> {
    const id = keyId(header);
    let keys = this.derived.get(id);
    if (!keys) {
      keys = (async () => {
        const expected = Buffer.from(header.check, 'base64');
        for (let refused = 0; refused < UNLOCK_TRIES; refused++) {
          const derived = await deriveKeys(await this.ask('unlock', refused), header);
          if (expected.length === derived.check.length && nodeCrypto().timingSafeEqual(expected, derived.check)) return derived;
        }
        throw new SealError('passphrase');
      })();
      this.derived.set(id, keys);
    }
    return keys;
  }

  /** A new header and keys, for creating an encrypted store. */
  async create(): Promise<{ header: Header; keys: StoreKeys }> {
    const created = await newHeader(await this.ask('create'));
    const { header, keys } = created;
    this.derived.set(keyId(header), Promise.resolve(keys));
    return created;
  }
}
