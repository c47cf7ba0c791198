/**
 * The start-up sequence of `npm start`: each step prints its progress line, returns its typed output to the next one,
 * and defers how to stop what it started onto one stop stack. `stopAll` unwinds that stack in reverse order, after a
 * Ctrl-C or when a later step fails.
 */
import pino, { type Logger } from 'pino';
import type { StackEnv } from '#config/stack';
import { redactingLoggerOptions } from '#contracts/redact';
import { step as printStep } from './progress';

export type Stop = () => Promise<void>;
/** Registers how to stop what a step just started; called as soon as the thing exists, so a later failure stops it. */
export type Defer = (stop: Stop) => void;

export class StartSequence {
  private readonly stops: Stop[] = [];
  private done = 0;

  /** `total`: the number of steps the progress lines count to ("[3/8] …"). */
  constructor(
    private readonly total: number,
    private readonly signal: AbortSignal,
    private readonly log: Logger,
  ) {}

  /**
   * Runs one step unless the start-up was interrupted (then throws the abort reason: the caller stops what started).
   * `detail` turns the output into the end of the "done" line.
   */
  async step<T>(title: string, work: (defer: Defer) => Promise<T> | T, detail: (output: T) => string): Promise<T> {
    this.signal.throwIfAborted();
    this.done += 1;
    const defer: Defer = (stop) => {
      this.stops.push(stop);
    };
    return printStep(this.done, this.total, title, async () => work(defer), detail);
  }

  /** Stops everything started so far, newest first; a stop that fails is logged and the others still run. */
  async stopAll(): Promise<void> {
    for (let stop = this.stops.pop(); stop; stop = this.stops.pop()) {
      try {
        await stop();
      } catch (error) {
        this.log.error({ err: error }, 'a service failed to stop cleanly');
      }
    }
  }
}

/** The logger of every `npm start` role: pino, redacting URLs, pretty on a terminal. */
export function createLogger(env: Pick<StackEnv, 'LOG_LEVEL'>) {
  return pino({
    level: env.LOG_LEVEL,
    ...redactingLoggerOptions,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { destination: 2 } } } : {}),
  });
}
