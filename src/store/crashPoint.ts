// Named points in a write where a test can kill the process as a power cut or kill -9 would:
// FAMCOORD_CRASH_AT=<name> makes the process SIGKILL itself on reaching that point. Used by the
// crash tests to stop a step or an erase between two of its writes, deterministically.
export type CrashPoint = 'step:logged' | 'erase:intent' | 'erase:committed' | 'erase:scrubbed';

export function crashPoint(name: CrashPoint): void {
  if (process.env.FAMCOORD_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
