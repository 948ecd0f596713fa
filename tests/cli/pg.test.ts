// famcoord on a PostgreSQL store, as a user runs it: init, everyday commands, doctor, the config,
// and a server's faults as one line (exit 1, no stack trace, never a password).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA } from '../../src/store/pgSchema.js';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { dropPgDatabases, freshPgUrl, onServer, pgPasswordRole, pgServerUrl, withDatabase } from '../helpers/pg.js';

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});
afterAll(dropPgDatabases);

function box(): Sandbox {
  const made = sandbox();
  boxes.push(made);
  return made;
}

/** A failure as famcoord must report it: exit 1 and one line, with no stack trace. */
function oneLine(result: { code: number; stderr: string }): string {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return (lines[0] as string).replace(/^famcoord: /, '');
}

const until = async <T>(condition: () => Promise<T | undefined>, what: string): Promise<T> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await condition();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.skipIf(!pgServerUrl)('famcoord on a PostgreSQL store', () => {
  it('init creates the store, a second init refuses, and commands, doctor and the config work on it', async () => {
    const sb = box();
    const url = await freshPgUrl();
    const on = (args: string[]) => sb.run([...args, '--store', url], { store: false });
    const init = on(['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^Created an empty store at postgresql:/);
    expect(oneLine(on(['init']))).toMatch(/a store already exists at postgresql:/);
    expect(on(['families', 'add', '--name', 'Familien Jensen', '--member', 'Mette Jensen:adult']).code).toBe(0);
    expect(on(['families']).stdout).toMatch(/Familien Jensen/);
    const doctor = on(['doctor']);
    expect(doctor.code, doctor.stderr).toBe(0);
    expect(doctor.stdout).toMatch(/: ok \(1 families\)[\s\S]*no problems found/);
    expect(on(['log']).stdout).toMatch(/family\.add/);
    expect(on(['migrate-schema']).stdout).toMatch(new RegExp(`already has schema ${LATEST_SCHEMA}; nothing to do`));
    // A default store given as a URL with a password: shown without it.
    const withPassword = url.replace('postgres@', 'postgres:Hemmelig7@');
    expect(sb.run(['config', 'set-store', withPassword], { store: false }).stdout).toMatch(/^Your default store is now postgresql:\/\/postgres:\*\*\*@/);
    const shown = sb.run(['config'], { store: false });
    expect(shown.stdout).toMatch(/^store: {2}postgresql:\/\/postgres:\*\*\*@.* \(from your famcoord config\)/);
    expect(shown.stdout + shown.stderr).not.toMatch(/Hemmelig7/);
    expect(sb.run(['families'], { store: false }).stdout).toMatch(/Familien Jensen/);
  });

  it('says in one line which server cannot be reached, or has no such database, and what to do', () => {
    const sb = box();
    const down = oneLine(sb.run(['today', '--store', 'postgresql://postgres:Hemmelig7@/famcoord?host=/nonexistent-famcoord-socket'], { store: false }));
    expect(down).toMatch(/^cannot reach the PostgreSQL server \/nonexistent-famcoord-socket, database famcoord \(ENOENT\); is it running\? Check the host/);
    expect(down).not.toMatch(/Hemmelig7/);
    const unknown = oneLine(sb.run(['today', '--store', withDatabase(pgServerUrl as string, 'no_such_famcoord_db')], { store: false }));
    expect(unknown).toMatch(/^the PostgreSQL server .*, database no_such_famcoord_db: the database does not exist; create it \(createdb\) or correct the URL/);
  });

  it('says in one line that the server takes no TLS when sslmode asks for it, and what to do', async (test) => {
    // The run's own cluster has no TLS; a server named in FAMCOORD_TEST_PG_URL may have it.
    if ((await onServer((client) => client.query<{ ssl: string }>('SHOW ssl'))).rows[0]?.ssl === 'on') test.skip();
    const url = await freshPgUrl();
    const refused = oneLine(box().run(['today', '--store', `${url}${url.includes('?') ? '&' : '?'}sslmode=require`], { store: false }));
    expect(refused).toMatch(/^the PostgreSQL server .*, database famcoord_test_\w+ does not accept TLS connections, which the URL's sslmode asks for; ask its administrator to turn TLS on \(ssl = on\)/);
  });

  it("reads a coordinator's today without loading zod or Node's fetch (undici, which pg's Cloudflare check loaded)", async () => {
    const sb = box();
    const url = await freshPgUrl();
    expect(sb.run(['demo', '--families', '8', '--date', '2026-11-24', '--store', url], { store: false }).code).toBe(0);
    const report = join(sb.dir, 'loaded.json');
    const hook = join(sb.dir, 'loaded.mjs');
    writeFileSync(
      hook,
      `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(${JSON.stringify(report)}, JSON.stringify({ undici: process.moduleLoadList.some((m) => m.includes('undici')), zod: '__zod_globalConfig' in globalThis })));`,
    );
    const today = sb.run(['today', '--caseload', 'Hanne Kjær', '--store', url, '--date', '2026-11-24'], { store: false, env: { NODE_OPTIONS: `--import=${hook}` } });
    expect(today.code, today.stderr).toBe(0);
    expect(today.stdout).toMatch(/Overdue goals/);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ undici: false, zod: false });
  });

  /** One `goal progress` on a fresh demo store, with `hook` preloaded: what the hook wrote on descriptor 3. */
  async function progressWithHook(sb: Sandbox, url: string, hook: string): Promise<string> {
    expect(sb.run(['demo', '--families', '8', '--date', '2026-11-24', '--store', url], { store: false }).code).toBe(0);
    const goalId = (JSON.parse(sb.run(['family', 'f1', '--json', '--store', url], { store: false }).stdout) as { goals: Array<{ id: string }> }).goals[0]?.id as string;
    const result = spawnSync(process.execPath, ['--require', hook, BIN, 'goal', 'progress', goalId, '--score', '4', '--store', url, '--date', '2026-11-24'], {
      encoding: 'utf8',
      env: { ...process.env, FAMCOORD_USER: 'tester', FAMCOORD_CONFIG_DIR: join(sb.dir, 'config') },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^Recorded progress 4/10 on goal ${goalId} for 2026-11-24 \\(step 1\\)`));
    return result.output[3] as string;
  }

  it('records an update without loading node:crypto (the server hashes the family) or fs/promises and readline', async () => {
    const sb = box();
    const url = await freshPgUrl();
    const loaded = (await progressWithHook(sb, url, join(import.meta.dirname, '../helpers/builtinsLoaded.cjs'))).split('\n');
    expect(loaded).toContain('net'); // the hook saw the program connect
    for (const module of ['crypto', 'fs/promises', 'readline']) expect(loaded, module).not.toContain(module);
    // The step's hash is the family's, as undo checks it.
    expect(sb.run(['undo', '--store', url, '--date', '2026-11-24'], { store: false }).code).toBe(0);
  });

  it("starts an update's connection before zod loads, so the server begins its session while the operation is checked", async () => {
    const sb = box();
    // The first thing written to a socket is pg's startup message: was zod loaded by then?
    const hook = join(sb.dir, 'firstSocketWrite.cjs');
    writeFileSync(
      hook,
      `const net = require('node:net');
const write = net.Socket.prototype.write;
let first = true;
net.Socket.prototype.write = function (...args) {
  if (first) require('node:fs').writeSync(3, JSON.stringify({ zodLoaded: '__zod_globalConfig' in globalThis }));
  first = false;
  return write.apply(this, args);
};`,
    );
    expect(JSON.parse(await progressWithHook(sb, await freshPgUrl(), hook))).toEqual({ zodLoaded: false });
  });

  it("starts an update's connection before the command line is parsed, and the store adopts it: one connection, its startup message sent before the command's code was read", async () => {
    const sb = box();
    // What the bin read of dist/ when the first socket was first written to (pg's startup message), and how many sockets connected.
    const hook = join(sb.dir, 'connections.cjs');
    writeFileSync(
      hook,
      `const fs = require('node:fs');
const net = require('node:net');
const read = fs.readFileSync;
const files = [];
fs.readFileSync = function (path, ...rest) {
  if (typeof path === 'string' && /[\\\\/]dist[\\\\/][^\\\\/]+\\.cjs$/.test(path)) files.push(path.replace(/^.*[\\\\/]/, ''));
  return read.call(this, path, ...rest);
};
const connect = net.Socket.prototype.connect;
const write = net.Socket.prototype.write;
const connected = new WeakSet();
let connections = 0;
let beforeStartup;
net.Socket.prototype.connect = function (...args) {
  connections++;
  connected.add(this);
  return connect.apply(this, args);
};
net.Socket.prototype.write = function (...args) {
  if (connected.has(this)) beforeStartup ??= [...files];
  return write.apply(this, args);
};
process.on('exit', () => fs.writeSync(3, JSON.stringify({ connections, beforeStartup, read: files })));`,
    );
    const { connections, beforeStartup, read } = JSON.parse(await progressWithHook(sb, await freshPgUrl(), hook)) as { connections: number; beforeStartup: string[]; read: string[] };
    expect(connections).toBe(1); // the store adopted the early connection rather than opening its own
    // Every command's code (famcoord.cjs) and pg's file only: commander's parse, the command's
    // module and the operation's check came after, while the server started the session.
    expect(beforeStartup[0]).toBe('famcoord.cjs');
    expect(beforeStartup.length, beforeStartup.join()).toBeLessThanOrEqual(2);
    expect(read.length, read.join()).toBeGreaterThan(beforeStartup.length + 1);
  });

  it('reports a server that is not there as before when the connection was started early: one line, exit 1, no password', async () => {
    const sb = box();
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const stores: Array<[string, RegExp]> = [
      [`postgresql://postgres:Hemmelig7@/famcoord?host=${sb.dir}`, /^cannot reach the PostgreSQL server \/.*, database famcoord \(ENOENT\); is it running\? Check the host/],
      [`postgresql://postgres:Hemmelig7@127.0.0.1:${port}/famcoord`, new RegExp(`^cannot reach the PostgreSQL server 127\\.0\\.0\\.1:${port}, database famcoord \\(ECONNREFUSED\\); is it running\\?`)],
    ];
    for (const [store, expected] of stores)
      for (const args of [['goal', 'progress', 'g1', '--score', '4', '--store', store], ['families', `--store=${store}`], ['today', '--json', '--store', store]]) {
        const message = oneLine(sb.run(args, { store: false }));
        expect(message, args.join(' ')).toMatch(expected);
        expect(message).not.toMatch(/Hemmelig7/);
      }
  });

  it('ends an early connection that a usage error left unused at once, with a goodbye: nothing in the server log, no wait for a server that does not answer', async () => {
    const sb = box();
    // Our own cluster: its log is in its socket folder. A backend's disconnection is logged when
    // the URL asks for it, with the backend's pid, which then shows every line that session logged.
    const url = await freshPgUrl();
    const database = /^[^?]*\/([^/?]+)/.exec(url)?.[1];
    const host = /[?&]host=([^&]+)/.exec(url)?.[1];
    const log = host && join(decodeURIComponent(host), 'log');
    const logged = log && statSync(log, { throwIfNoEntry: false }) ? log : undefined;
    const since = logged ? statSync(logged).size : 0;
    // The program runs once the server is ready for queries (ReadyForQuery, 'Z' of length 5): a
    // session that has started is the one that must end with a goodbye (one still starting is closed).
    const hook = join(sb.dir, 'afterReady.cjs');
    writeFileSync(
      hook,
      `const net = require('node:net');
const run = globalThis.setImmediate;
let ready;
const started = new Promise((resolve) => (ready = resolve));
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let seen = Buffer.alloc(0);
  this.on('data', (chunk) => {
    seen = Buffer.concat([seen, chunk]);
    if (seen.includes(Buffer.from('Z\\0\\0\\0\\x05'))) ready();
  });
  return connect.apply(this, args);
};
globalThis.setImmediate = (callback, ...args) => {
  globalThis.setImmediate = run;
  return started.then(() => run(callback, ...args));
};`,
    );
    const usage = sb.run(['goal', 'progress', 'g1', '--no-such-flag', '--store', `${url}${url.includes('?') ? '&' : '?'}options=-c%20log_disconnections%3Don`], { store: false, env: { NODE_OPTIONS: `--require=${hook}` } });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe("famcoord: unknown option '--no-such-flag'\n");
    if (logged) {
      const newLines = () => readFileSync(logged, 'utf8').slice(since).split('\n');
      const disconnection = await until(async () => newLines().find((line) => line.includes(`disconnection:`) && line.includes(`database=${database} `)), 'the early session to end');
      const pid = /\[(\d+)\]/.exec(disconnection)?.[1];
      expect(newLines().filter((line) => line.includes(`[${pid}]`))).toEqual([disconnection]);
    }
    // A server that takes the connection and never answers: pg would wait 30 s for it
    // (CONNECT_TIMEOUT_MS); the usage error is said and the socket closed at once.
    const silentDir = join(sb.dir, 'silent');
    mkdirSync(silentDir);
    let closed = 0;
    const silent: Server = createServer((socket) => socket.resume().on('close', () => closed++));
    await new Promise<void>((resolve) => silent.listen(join(silentDir, '.s.PGSQL.5432'), resolve));
    try {
      const refused = sb.run(['goal', 'progress', 'g1', '--no-such-flag', '--store', `postgresql://postgres@/famcoord?host=${silentDir}`], { store: false, hungAfterMs: 25_000 });
      expect(refused).toEqual({ code: 2, stdout: '', stderr: "famcoord: unknown option '--no-such-flag'\n" });
      await until(async () => (closed === 1 ? true : undefined), 'the early connection to be closed');
    } finally {
      silent.close();
    }
  });

  it.skipIf(!pgPasswordRole)('says the password was refused, without showing it', async () => {
    const role = pgPasswordRole as string;
    await onServer((client) => client.query(`DO $$ BEGIN CREATE ROLE ${role} LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$`));
    const url = (pgServerUrl as string).replace('postgres@', `${role}:Hemmelig7@`);
    const refused = oneLine(box().run(['today', '--store', url], { store: false }));
    expect(refused).toMatch(new RegExp(`^the PostgreSQL server .* refused the password of user ${role}; check PGPASSWORD or ~/\\.pgpass \\(PGPASSFILE\\)`));
    expect(refused).not.toMatch(/Hemmelig7/);
  });

  it('a batch whose connection is cut saves none of it, says so in one line (exit 1), and works when run again; ps never shows the password', async () => {
    const sb = box();
    const url = await freshPgUrl();
    const withPassword = url.replace('postgres@', 'postgres:Hemmelig7@'); // the test server trusts, so it is never sent
    expect(sb.run(['demo', '--families', '5', '--seed', '2', '--date', '2026-11-24', '--store', url], { store: false }).code).toBe(0);
    const everything = () => sb.run(['families', '--json', '--store', url], { store: false }).stdout;
    const before = everything();
    const batch = join(sb.dir, 'batch.jsonl');
    writeFileSync(batch, ['{"op": "family.add", "name": "Familien Holm"}', '{"op": "goal.add", "familyId": "f2", "title": "Ny", "sector": "school", "due": "2027-01-01"}', '{"op": "goal.add", "familyId": "f1", "title": "Også ny", "sector": "health", "due": "2027-01-01"}'].join('\n'));
    // Another session holds family f1, so the batch stops in the middle of its transaction.
    const { default: Pg } = await import('pg');
    const holder = new Pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("BEGIN; SELECT 1 FROM families WHERE id = 'f1' FOR UPDATE");
    const child = spawn(process.execPath, [BIN, 'batch', batch, '--store', withPassword], { env: { ...process.env, FAMCOORD_CONFIG_DIR: join(sb.dir, 'config'), FAMCOORD_USER: 'tester' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const pid = await until(
      () => onServer(async (client) => (await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'famcoord' AND wait_event_type = 'Lock' AND datname = current_database()")).rows[0]?.pid, url),
      'the batch to wait for family f1',
    );
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toMatch(/Hemmelig7/);
    await onServer((client) => client.query('SELECT pg_terminate_backend($1)', [pid]), url);
    const code = await exited;
    await holder.query('ROLLBACK');
    await holder.end();
    expect(oneLine({ code, stderr })).toMatch(/^the connection to the PostgreSQL server .* was cut; nothing was saved \(the transaction was rolled back\); run the command again$/);
    expect(everything()).toBe(before);
    const again = sb.run(['batch', batch, '--store', url], { store: false });
    expect(again.code, again.stderr).toBe(0);
    expect(sb.run(['families', '--store', url], { store: false }).stdout).toMatch(/Familien Holm/);
    expect(JSON.parse(sb.run(['log', '--json', '--store', url], { store: false }).stdout)).toHaveLength(1);
  });
});
