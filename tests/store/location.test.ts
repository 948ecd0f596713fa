// The user's config read without conf (issue 19): the same file conf writes, and what conf would answer.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfig, readConfig, resolveStorePath } from '../../src/store/location.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), `famcoord-location-${process.pid}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** conf's answer, or the error it throws. */
async function confSays(env: NodeJS.ProcessEnv, key: string) {
  try {
    return { value: (await openConfig(env)).get(key) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function readerSays(env: NodeJS.ProcessEnv, key: string) {
  try {
    return { value: readConfig(env).get(key) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe("reading the user's config", () => {
  it('reads the file conf writes: under FAMCOORD_CONFIG_DIR, else in the platform config folder', async () => {
    const dir = tempDir();
    expect(readConfig({ FAMCOORD_CONFIG_DIR: dir }).path).toBe((await openConfig({ FAMCOORD_CONFIG_DIR: dir })).path);
    const before = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = join(dir, 'xdg');
    try {
      expect(readConfig({}).path).toBe((await openConfig({})).path);
      expect(readConfig({}).path).toBe(join(dir, 'xdg', 'famcoord-nodejs', 'config.json'));
    } finally {
      if (before === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = before;
    }
  });

  it('answers as conf answers, for what `config set-store` writes and for files it did not', async () => {
    const written = tempDir();
    (await openConfig({ FAMCOORD_CONFIG_DIR: written })).set('store', '/srv/famcoord/store.json');
    (await openConfig({ FAMCOORD_CONFIG_DIR: written })).set('samePurpose', { støtte: ['mentor'] });
    const cases = [{ FAMCOORD_CONFIG_DIR: written }];
    for (const text of ['{"store": 42}', '["/a.json"]', '"/a.json"', 'null', '{}', '{"store": "/a.json", "__proto__": {"samePurpose": 1}}', '{"store": ', '']) {
      const dir = tempDir();
      writeFileSync(join(dir, 'config.json'), text);
      cases.push({ FAMCOORD_CONFIG_DIR: dir });
    }
    for (const env of cases)
      for (const key of ['store', 'samePurpose', 'toString']) expect({ env, key, ...readerSays(env, key) }).toEqual({ env, key, ...(await confSays(env, key)) });
    expect(readConfig({ FAMCOORD_CONFIG_DIR: written }).get('store')).toBe('/srv/famcoord/store.json');
  });

  it('is empty when there is no file, and creates nothing', () => {
    const dir = join(tempDir(), 'not-yet');
    expect(readConfig({ FAMCOORD_CONFIG_DIR: dir }).get('store')).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });

  it('gives the store it names, or refuses one that is not a path', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'config.json'), JSON.stringify({ store: join(dir, 'store.json') }));
    expect(await resolveStorePath({ env: { FAMCOORD_CONFIG_DIR: join(dir, 'config') } })).toEqual({ path: join(dir, 'store.json'), origin: 'config' });
    writeFileSync(join(dir, 'config', 'config.json'), JSON.stringify({ store: ['a'] }));
    await expect(resolveStorePath({ env: { FAMCOORD_CONFIG_DIR: join(dir, 'config') } })).rejects.toThrow(/config's store is not a path/);
  });
});
