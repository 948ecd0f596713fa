// Where the store lives: --store PATH, else FAMCOORD_STORE, else the user's config (conf, key
// "store"), else the platform's user data directory. conf is loaded only to change the config: a
// command reads conf's file itself (readConfig), and one given --store or FAMCOORD_STORE not at all.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { sanitizeLine } from '../domain/sanitize.js';
import { StoreError } from './errors.js';
import { isPostgresUrl } from './pgUrl.js';

export interface LocationSources {
  flag?: string;
  env?: NodeJS.ProcessEnv;
}

export type LocationOrigin = 'flag' | 'env' | 'config' | 'default';

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** The platform's per-user data directory for famcoord (XDG on Linux). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'famcoord', 'Data');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'famcoord');
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share'), 'famcoord');
}

/** The user's famcoord config (conf). FAMCOORD_CONFIG_DIR moves it, for tests and portable setups. */
export async function openConfig(env: NodeJS.ProcessEnv = process.env) {
  const { default: Conf } = await import('conf');
  // No conf schema: conf checks one with Ajv, whose compiling of its meta-schema cost the workbench
  // ~15 ms before its first frame and every command without --store as much (issue 19). Each key is
  // checked where it is read instead: store below, samePurpose (the table of intervention kinds
  // that do the same job) in src/cli/purposes.ts, so a table edited wrong stops only what reads it.
  return new Conf<{ store?: unknown; samePurpose?: unknown }>({
    projectName: 'famcoord',
    ...(env.FAMCOORD_CONFIG_DIR && { cwd: env.FAMCOORD_CONFIG_DIR }),
    configFileMode: 0o600,
  });
}

/**
 * The folder of the user's config, as conf places it (through env-paths, with conf's "-nodejs"
 * suffix): FAMCOORD_CONFIG_DIR, else the platform's config folder. tests/store/location.test.ts
 * checks that this is conf's own path.
 */
function configDir(env: NodeJS.ProcessEnv): string {
  if (env.FAMCOORD_CONFIG_DIR) return env.FAMCOORD_CONFIG_DIR;
  const name = 'famcoord-nodejs';
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', name);
  if (process.platform === 'win32') return join(process.env.APPDATA || join(homedir(), 'AppData', 'Roaming'), name, 'Config');
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), name);
}

/** The user's config file, conf's `path` (`famcoord config` shows it without loading conf). */
export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(configDir(env), 'config.json');
}

/** What a command reads of the user's config: a key's value, and the file's path for messages. */
export interface ConfigValues {
  path: string;
  get(key: string): unknown;
}

/**
 * The user's config as conf would give it, read without conf: conf with its dependencies is ~200 KB
 * of code to initialise (~40 M instructions, ~7 ms) for one key of a small JSON file (issue 19).
 * The same file and the same outcomes: no file is an empty config, a file that is not JSON fails as
 * conf fails (its SyntaxError), and a key is the value conf's get returns (own keys of an object;
 * none of an array, a string or null). Unlike conf, a read creates no folder. Writes go through
 * conf (openConfig).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ConfigValues {
  const path = configFile(env);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const values = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { path, get: (key) => (Object.hasOwn(values, key) ? values[key] : undefined) };
}

/** A store path as given, made absolute (a PostgreSQL URL stays as it is); one that ends in a slash names a folder, never the store. */
function storePathFrom(given: string): string {
  if (isPostgresUrl(given)) return given; // a PostgreSQL server's database, not a file
  if (given.endsWith('/') || given.endsWith(sep))
    throw new StoreError('io', `the store ${sanitizeLine(given)} is a folder; name the store's file, e.g. ${sanitizeLine(join(given, 'store.json'))}`);
  return resolve(expandHome(given));
}

export async function resolveStorePath(sources: LocationSources = {}): Promise<{ path: string; origin: LocationOrigin }> {
  return storeLocation(sources);
}

/** `resolveStorePath` without the promise, for main.ts's early look at the store (a PostgreSQL URL is connected to at once). */
export function storeLocation(sources: LocationSources = {}): { path: string; origin: LocationOrigin } {
  const env = sources.env ?? process.env;
  if (sources.flag) return { path: storePathFrom(sources.flag), origin: 'flag' };
  if (env.FAMCOORD_STORE) return { path: storePathFrom(env.FAMCOORD_STORE), origin: 'env' };
  const config = readConfig(env);
  const configured = config.get('store');
  if (configured !== undefined && typeof configured !== 'string')
    throw new StoreError('io', `the famcoord config's store is not a path (in ${sanitizeLine(config.path)}); set it again with famcoord config set-store PATH`);
  if (configured) return { path: storePathFrom(configured), origin: 'config' };
  return { path: join(defaultDataDir(env), 'store.json'), origin: 'default' };
}
