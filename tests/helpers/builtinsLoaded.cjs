// Preloaded with `node --require` by tests/cli/startupModules.test.ts: at exit, the Node built-in
// modules the process loaded, one per line on descriptor 3 (the test's own pipe), and
// `Intl.DateTimeFormat` when the process made one (ICU's date formats cost ~8-15 ms to start).
let madeDateFormat = false;
const DateTimeFormat = Intl.DateTimeFormat;
Intl.DateTimeFormat = new Proxy(DateTimeFormat, {
  construct: (target, args, newTarget) => ((madeDateFormat = true), Reflect.construct(target, args, newTarget)),
  apply: (target, self, args) => ((madeDateFormat = true), Reflect.apply(target, self, args)),
});
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  if (madeDateFormat) builtins.push('Intl.DateTimeFormat');
  require('node:fs').writeSync(3, `${builtins.join('\n')}\n`);
});
