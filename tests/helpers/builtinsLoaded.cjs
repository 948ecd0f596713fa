// Preloaded with `node --require` by tests/cli/startupModules.test.ts: at exit, the Node built-in
// modules the process loaded, one per line on descriptor 3 (the test's own pipe).
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  require('node:fs').writeSync(3, `${builtins.join('\n')}\n`);
});
