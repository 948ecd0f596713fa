// Loaded with `node --import` by bench/run.mjs: writes this process's peak RSS (kB) when it exits,
// to the file named by BENCH_RSS_FILE. VmHWM (Linux) is the peak of this program's own memory;
// getrusage's maxRSS would also count the benchmark's memory, which Linux carries over the
// fork and exec that started this process.
import { readFileSync, writeFileSync } from 'node:fs';

function peakKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(peakKb()));
});
