// SHA-256 of a text (its UTF-8 bytes), hex: the audit chain's links and undo's family hashes.
// node:crypto gives it, but loading node:crypto (with the streams its hashes are built on) costs
// ~50 M instructions, a fifth of what one `goal progress` on a SQLite store adds to Node's start,
// and that change hashes ~20 KB (the log's last entry and the family it changed). So the first
// SMALL_TOTAL bytes a process hashes go through the JavaScript below (FIPS 180-4), and anything
// beyond them, or any text once node:crypto is loaded, through node:crypto: a batch that hashes
// twenty families and a large last entry would spend more here than loading it costs (issue 19).
// tests/store/sha256.test.ts compares the two on random texts of every length around the blocks'.
import { nodeCrypto, nodeCryptoLoaded } from './nodeCrypto.js';

/** How many bytes a process hashes in JavaScript before node:crypto is worth loading. */
const SMALL_TOTAL = 64 * 1024;
let hashedHere = 0;

export function sha256Hex(text: string): string {
  if (nodeCryptoLoaded()) return nodeCrypto().createHash('sha256').update(text, 'utf8').digest('hex');
  const bytes = Buffer.from(text, 'utf8');
  if (hashedHere + bytes.length > SMALL_TOTAL) return nodeCrypto().createHash('sha256').update(bytes).digest('hex');
  hashedHere += bytes.length;
  return sha256OfBytes(bytes);
}

const ROUND_CONSTANTS = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of bytes, hex. */
export function sha256OfBytes(bytes: Uint8Array): string {
  // The message, a 1 bit, zeros, and its length in bits as 64 bits big-endian, in 64-byte blocks.
  const blocks = (bytes.length + 9 + 63) >>> 6;
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const bits = bytes.length * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bits >>> 0);
  const state = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const schedule = new Int32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) compress(padded, offset, state, schedule);
  let hex = '';
  for (const word of state) hex += (word >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** One block into the state (FIPS 180-4, 6.2.2), in 32-bit integer arithmetic. */
function compress(bytes: Uint8Array, offset: number, state: Int32Array, w: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + i * 4;
    w[i] = ((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (ROUND_CONSTANTS[i] as number) + (w[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}
