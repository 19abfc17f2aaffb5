/**
 * @module Structured logs: one JSON object per line, `{ts, level, message, fields}`, the shape
 * Flow's runtime parses from a connector's stderr (see docs on the Flow protocol).
 *
 * Hand-written rather than pino: pino's line shape (`msg`, numeric `level`, `time`) is not the one
 * Flow reads, and remapping it costs more code than these few lines.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `fields` (say, `{stream: 'issues'}`). */
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function parseLogLevel(value: string | undefined): LogLevel {
  const v = (value ?? 'info').toLowerCase();
  if (v === 'trace' || v === 'debug') return 'debug';
  if (v === 'warn' || v === 'warning') return 'warn';
  if (v === 'error' || v === 'fatal') return 'error';
  return 'info';
}

export interface LoggerOptions {
  /** @default 'info' */
  level?: LogLevel;
  /** Where lines go. @default process.stderr */
  write?: (line: string) => void;
  /** @default () => new Date() */
  now?: () => Date;
  /** Strings that must never be printed (tokens, secrets); replaced by `[redacted]`. */
  secrets?: () => readonly string[];
  /** `json` for Flow and Airbyte; `pretty` (`warn  message key=value`) for people at a terminal. @default 'json' */
  format?: 'json' | 'pretty';
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const secrets = options.secrets ?? (() => []);

  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (ORDER[level] < min) return;
      const merged = fields ? { ...base, ...fields } : base;
      const line = redact(
        options.format === 'pretty'
          ? prettyLine(level, message, merged)
          : JSON.stringify({ ts: now().toISOString(), level, message, fields: merged }),
        secrets(),
      );
      write(line + '\n');
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

function prettyLine(level: LogLevel, message: string, fields: LogFields): string {
  const rest = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${level.padEnd(5)} ${message}${rest ? `  ${rest}` : ''}`;
}

/** Replaces every occurrence of each secret (and its JSON-escaped form) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue; // too short to be a real secret; redacting would garble text
    out = out.split(s).join('[redacted]');
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out = out.split(escaped).join('[redacted]');
  }
  return out;
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
