// Loaded with `node --import` by bench/run.mjs: writes this process's peak RSS (kB) when it exits,
// to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
