// A fault test needs a writer to stop at one exact moment: right after it has taken the store's
// lock. The test's own bundle of the writer defines FAMCOORD_TEST_HOOKS; famcoord's build defines
// it false, so there the hook is compiled out, and anywhere else it is undefined and does nothing.
declare const FAMCOORD_TEST_HOOKS: boolean | undefined;

/** Stops this process (SIGSTOP, once) if the test asked for it with FAMCOORD_TEST_STOP_AFTER_LOCK=1. */
export function stopAfterLockForTest(): void {
  if (typeof FAMCOORD_TEST_HOOKS === 'undefined' || !FAMCOORD_TEST_HOOKS) return;
  if (process.env.FAMCOORD_TEST_STOP_AFTER_LOCK !== '1') return;
  delete process.env.FAMCOORD_TEST_STOP_AFTER_LOCK;
  // A signal a process sends itself is delivered before kill returns: it stops here, lock held.
  process.kill(process.pid, 'SIGSTOP');
}
