import autocannon from 'autocannon';
import { Target } from './targets';

const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export interface LoadResult {
  rps: number;
  /** answers received */
  requests: number;
  p50_ms: number;
  p99_ms: number;
  /** connection errors, timeouts, non-2xx answers and bodies that differ from the expected one */
  errors: number;
}

/**
 * Sends `body` to `url` for `seconds` from a worker thread (the servers keep the main thread to
 * themselves). Every answer must equal `expectBody` byte for byte, or it counts as an error.
 */
export async function loadTest(
  url: string,
  body: string,
  expectBody: string,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: HEADERS,
    body,
    expectBody,
    duration: seconds,
    connections,
    workers: 1,
    timeout: 30,
  }).catch((err: Error) => {
    throw new Error(`load on ${url} failed: ${err.message}`);
  });
  return {
    rps: r['2xx'] / r.duration,
    requests: r['2xx'],
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx + r.mismatches,
  };
}

export async function post(url: string, body: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: HEADERS,
    body,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** A GraphQL answer's data; throws on errors, so a broken workload stops the run instead of measuring errors. */
export function dataOf(text: string, what: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string }[];
  };
  if (parsed.errors?.length || !parsed.data)
    throw new Error(`${what}: ${parsed.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return parsed.data;
}

export interface Cost {
  body: string;
  sql: number;
  fetches: number | null;
}

/** One request outside the load: its answer, and the SQL statements and subgraph fetches it cost. */
export async function costOf(target: Target, body: string): Promise<Cost> {
  const sql = await target.sql();
  const fetches = await target.fetches();
  const text = await post(target.url, body);
  const after = await target.fetches();
  return {
    body: text,
    sql: (await target.sql()) - sql,
    fetches: after === null || fetches === null ? null : after - fetches,
  };
}
