// famcoord in a shell pipeline whose reader stops early (`| head`): no crash, no stack trace.
import { spawnSync } from 'node:child_process';
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
});
