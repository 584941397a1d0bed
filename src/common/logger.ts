export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type LineLevel = Exclude<LogLevel, 'silent'>;

export type LogFields = Record<string, unknown>;

/** Receives each record that passes the level, already stamped with `level` and `time`. */
export type LogSink = (record: LogFields & { level: LineLevel; time: string }) => void;

export interface Logger {
  readonly level: LogLevel;
  /** whether a record at `level` would be written: callers skip building records nobody reads */
  enabled(level: LineLevel): boolean;
  debug(fields: LogFields): void;
  info(fields: LogFields): void;
  warn(fields: LogFields): void;
  error(fields: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

const COLORS: Record<LineLevel, string> = {
  debug: '\x1b[90m',
  info: '\x1b[36m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
};

/** One readable line for a terminal: time, level, message, then the other fields as key=value. */
export function prettyLine(record: LogFields & { level: LineLevel; time: string }, color = false): string {
  const { level, time, msg, ...rest } = record;
  const label = level.toUpperCase().padEnd(5);
  const fields = Object.entries(rest)
    .filter(([, v]) => v != null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
  const head = `${time.slice(11, 23)} ${color ? `${COLORS[level]}${label}\x1b[0m` : label}`;
  return [
    head,
    msg === undefined ? undefined : typeof msg === 'string' ? msg : JSON.stringify(msg),
    ...fields,
  ]
    .filter((p) => p !== undefined)
    .join(' ');
}

/**
 * Errors go to stderr (where operators already look for them), everything else to stdout; one JSON object per
 * line, or a readable line when the stream is a terminal.
 */
export const consoleSink: LogSink = (record) => {
  const stream = record.level === 'error' ? process.stderr : process.stdout;
  stream.write(`${stream.isTTY ? prettyLine(record, true) : JSON.stringify(record)}\n`);
};

export interface LoggerOptions {
  level?: LogLevel;
  /** default: consoleSink */
  sink?: LogSink;
}

/** A small structured logger: records below `level` are dropped before they are built into lines. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const sink = options.sink ?? consoleSink;
  const enabled = (at: LineLevel) => RANK[at] >= RANK[level];
  const write = (at: LineLevel) => (fields: LogFields) => {
    if (enabled(at)) sink({ level: at, time: new Date().toISOString(), ...fields });
  };
  return {
    level,
    enabled,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}
