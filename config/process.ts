/**
 * How every long-running entry point (npm start, the oracle CLI's node and agent, the standalone indexer, the demo's
 * oracle node processes) ends: on SIGINT or SIGTERM it runs its one `stop` and exits 0. It lives beside `loadDotEnv`
 * because config/ is the one Node-side module every runtime already imports and that imports none of them (protocol/
 * must stay browser-safe, and nothing may import scripts/).
 */

/** What ended the process: a signal's name, or `parent exited` when the process that started it went away. */
export type StopReason = NodeJS.Signals | 'parent exited';

export type RunUntilSignalOptions = {
  /** Called once, first, with what asked the process to stop (a log line, the terminal's "stopping…"). */
  onStopping?: (reason: StopReason) => void;
  /**
   * What a signal that arrives while `stop` runs does:
   * - `force` (default): exit 1 at once, without waiting for `stop`
   * - `ignore`: nothing (a child process whose parent escalates to SIGKILL itself)
   * - `default`: Node's own handling, as if no handler had been installed (the process dies of the signal)
   */
  repeat?: 'force' | 'ignore' | 'default';
  /** Called before a forced exit. */
  onForced?: () => void;
  /**
   * A repeat within this many milliseconds is the same Ctrl-C delivered twice (by the terminal to the whole process
   * group and again by npm passing it on) and is ignored.
   */
  sameSignalWithinMs?: number;
  /**
   * Checks this often whether the parent process went away and then stops as on a signal: npm does not always pass a
   * signal on to its child (SIGTERM to `npm start` kills only npm and its shell), and an orphan would keep its ports.
   */
  watchParentMs?: number;
  /** Called when `stop` throws; the process then exits 1. Without it the error goes to stderr. */
  onStopError?: (error: unknown) => void;
};

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `stop` on the first SIGINT/SIGTERM (or when the parent exits, with `watchParentMs`) and exits 0 when it is
 * done, 1 when it throws. Returns at once: the process keeps running until then (the handlers keep nothing alive).
 */
export function runUntilSignal(
  stop: (reason: StopReason) => Promise<void> | void,
  options: RunUntilSignalOptions = {},
) {
  const { repeat = 'force', sameSignalWithinMs = 0 } = options;
  let stoppingSince: number | undefined;

  const onReason = (reason: StopReason) => {
    if (stoppingSince !== undefined) {
      // A stop under way is never cut short by the parent's exit or by the same signal delivered twice.
      if (reason === 'parent exited' || performance.now() - stoppingSince < sameSignalWithinMs) return;
      if (repeat === 'force') {
        options.onForced?.();
        process.exit(1);
      }
      return;
    }
    stoppingSince = performance.now();
    if (repeat === 'default') for (const signal of SIGNALS) process.off(signal, onReason);
    options.onStopping?.(reason);
    void (async () => stop(reason))().then(
      () => process.exit(0),
      (error: unknown) => {
        if (options.onStopError) options.onStopError(error);
        else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      },
    );
  };

  for (const signal of SIGNALS) process.on(signal, onReason);
  if (options.watchParentMs !== undefined) {
    const parentPid = process.ppid;
    setInterval(() => process.ppid !== parentPid && onReason('parent exited'), options.watchParentMs).unref();
  }
}
