// famcoord in a shell pipeline whose reader stops early (`| head`): no crash, no stack trace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';

describe('output into a closed pipe', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '300', '--date', '2026-11-24']).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it.each([['today', '--json'], ['families'], ['calendar', '--help']])('famcoord %s | head -1 stops quietly', (...args) => {
    const command = `"${process.execPath}" "${BIN}" ${args.join(' ')} --store "${box.store}" | head -1`;
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', command], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  // Output goes by write(2) while Node's stream is not needed (src/cli/stdio.ts): what Node's stream did must still hold.
  it('writes all of today --json into a non-blocking pipe that fills up, and into a file', () => {
    const expected = box.run(['today', '--json', '--date', '2026-11-24']);
    expect(expected.code).toBe(0);
    expect(expected.stdout.length).toBeGreaterThan(256 * 1024); // more than a pipe holds
    const env = { ...process.env, NO_COLOR: '1', FAMCOORD_USER: 'tester', TZ: 'Europe/Copenhagen' };
    const full = spawnSync('python3', [join(import.meta.dirname, '../helpers/nonblockingPipe.py'), process.execPath, BIN, 'today', '--json', '--date', '2026-11-24', '--store', box.store], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    expect(full.stderr).toBe('pipe was full\n');
    expect(full.status).toBe(0);
    expect(full.stdout).toBe(expected.stdout);
    const file = join(box.dir, 'today.json');
    const intoFile = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" today --json --date 2026-11-24 --store "${box.store}" > "${file}"`], { encoding: 'utf8', env });
    expect(intoFile.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected.stdout);
  });

  // A full disk is not a reader gone: one line naming the error's code and exit 1, no stack trace.
  it.each([
    ['a full device (Node\'s stream)', '', '> /dev/full', 'ENOSPC', 'en'],
    ['a file at its size limit (write(2))', 'trap "" XFSZ; ulimit -f 1;', '> "$OUT"', 'EFBIG', 'da'],
  ])('says once that the output could not be written into %s, and exits 1', (_, setup, redirect, code, lang) => {
    const command = `${setup} "${process.execPath}" "${BIN}" today --json --lang ${lang} --store "${box.store}" ${redirect}`;
    const env = { ...process.env, NO_COLOR: '1', FAMCOORD_USER: 'tester', OUT: join(box.dir, `limited-${code}.json`) };
    const result = spawnSync('bash', ['-c', command], { encoding: 'utf8', env });
    expect(result.stderr).toBe(lang === 'da' ? `famcoord: svaret kunne ikke skrives (${code})\n` : `famcoord: the output could not be written (${code})\n`);
    expect(result.status).toBe(1);
  });
});
