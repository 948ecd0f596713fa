// Bundles the program into dist/. Two entry points share chunks: the CLI (no Ink, fast start-up)
// and the TUI, which the CLI loads with a dynamic import() only when it opens the workbench.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fingerprintDefine } from './schemaFingerprint.mjs';

/**
 * commander requires node:child_process when it loads, to run external subcommands (famcoord has
 * none). Loading it pulls in net, dgram and streams: ~5 ms on every command. commander gets a
 * stand-in that requires the real module only if it is ever used.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'famcoord' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'famcoord' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Smaller files compile faster at every start. React's production build is a fraction of its
  // development build, which would otherwise be bundled too (it is picked at run time).
  minify: true,
  // FAMCOORD_TEST_HOOKS false: the fault tests' hook (src/store/testHooks.ts) is compiled out.
  define: { 'process.env.NODE_ENV': '"production"', FAMCOORD_TEST_HOOKS: 'false', ...fingerprintDefine() },
  // Ink imports react-devtools-core only when DEV=true; it is not installed. better-sqlite3 is a
  // native addon: it stays in node_modules and is imported only when a store is a database; pg
  // likewise, imported only when the store is a PostgreSQL URL (and pg-native, which it would
  // use if installed, never is).
  external: ['react-devtools-core', 'better-sqlite3', 'pg-native'],
  // Bundled CommonJS (e.g. React) calls require(); give ESM output a real one.
  banner: { js: "import { createRequire as __famcoordRequire } from 'node:module'; const require = __famcoordRequire(import.meta.url);" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});
