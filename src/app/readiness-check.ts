import type { ServerResponse } from 'http';
import { ReadPoolStats, readPoolStats } from '../common/sql-reads/sql-read-pool';
import type { HealthCheck } from './http-server';

const TICK_MS = 10;

export interface ReadinessOptions {
  /** GraphQL requests being answered at once past which the process is saturated */
  maxInFlight: number;
  /** the longest the event loop may have been held since the previous check, in milliseconds */
  maxEventLoopDelayMs: number;
}

export interface Readiness {
  ready: boolean;
  body: {
    status: 'ready' | 'saturated';
    /** why it is not ready, one sentence each */
    reasons: string[];
    inFlight: number;
    maxInFlight: number;
    eventLoopDelayMs: number;
    maxEventLoopDelayMs: number;
    subgraphs: Record<string, 'up' | 'down'>;
    /** the SQLite read threads (null without them): busy, waiting reads and the queue's bound */
    readThreads: ReadPoolStats | null;
  };
}

/**
 * Whether this process should be sent more requests (GET /readyz, where /healthz says whether it is
 * alive): not when it is answering more than `maxInFlight` GraphQL requests, when the event loop was
 * held longer than `maxEventLoopDelayMs` since the previous check, or when a subgraph is down (the
 * health check, which over separate services probes each subgraph at most once a second).
 */
export class ReadinessCheck {
  private inFlight = 0;
  /** the longest the loop was late for a tick since the previous check, in milliseconds */
  private longestDelay = 0;
  private readonly ticker: NodeJS.Timeout;

  constructor(
    private readonly options: ReadinessOptions,
    private readonly health: HealthCheck,
    private readonly reads: () => ReadPoolStats | null = readPoolStats,
  ) {
    // a tick of its own rather than perf_hooks' monitorEventLoopDelay, whose reset() drops the first
    // delay after it: a window per check needs a maximum that can be read and cleared
    let last = performance.now();
    this.ticker = setInterval(() => {
      const now = performance.now();
      this.longestDelay = Math.max(this.longestDelay, now - last - TICK_MS);
      last = now;
    }, TICK_MS);
    this.ticker.unref();
  }

  /** Counts a GraphQL request as in flight until its response is done or its client has gone. */
  track(res: ServerResponse): void {
    this.inFlight++;
    res.once('close', () => this.inFlight--);
  }

  async check(): Promise<Readiness> {
    // one turn of the timers first, so a delay the loop has just come out of is counted
    await new Promise((resolve) => setTimeout(resolve, 1));
    // the longest delay since the previous check: each check sees the loop since the one before
    const eventLoopDelayMs = Math.round(this.longestDelay);
    this.longestDelay = 0;
    const inFlight = this.inFlight;
    const probed = await this.health().catch((): Record<string, boolean> => ({}));
    const { maxInFlight, maxEventLoopDelayMs } = this.options;
    const down = Object.keys(probed).filter((name) => !probed[name]);
    const readThreads = this.reads();
    // a full queue refuses the next scan with SERVER_BUSY: send the work elsewhere first
    const queueFull = readThreads !== null && readThreads.queued >= readThreads.maxQueued;
    const reasons = [
      ...(inFlight > maxInFlight ? [`${inFlight} requests in flight, over the bound of ${maxInFlight}`] : []),
      ...(eventLoopDelayMs > maxEventLoopDelayMs
        ? [`the event loop was held for ${eventLoopDelayMs} ms, over the bound of ${maxEventLoopDelayMs} ms`]
        : []),
      ...(Object.keys(probed).length === 0 ? ['no subgraph answered the health check'] : []),
      ...down.map((name) => `subgraph ${name} is down`),
      ...(queueFull
        ? [`${readThreads.queued} reads wait for the read threads, the most SQL_READ_QUEUE allows`]
        : []),
    ];
    return {
      ready: reasons.length === 0,
      body: {
        status: reasons.length === 0 ? 'ready' : 'saturated',
        reasons,
        inFlight,
        maxInFlight,
        eventLoopDelayMs,
        maxEventLoopDelayMs,
        subgraphs: Object.fromEntries(Object.entries(probed).map(([k, v]) => [k, v ? 'up' : 'down'])),
        readThreads,
      },
    };
  }

  stop(): void {
    clearInterval(this.ticker);
  }
}
