/**
 * @module A {@link Logger} that writes Airbyte LOG messages. Airbyte reads logs from stdout, as
 * messages among the records, so each line is `{"type":"LOG","log":{level, message}}` with the
 * fields rendered after the message (`retrying  stream=issues attempt=2`), secrets redacted.
 */
import { redact, type LogFields, type LogLevel, type Logger } from '../../log/logger.js';
import { logMessage, type AirbyteLogLevel, type AirbyteMessage } from './messages.js';

const LEVELS: Record<LogLevel, AirbyteLogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface AirbyteLoggerOptions {
  /** Where messages go: the same writer as the records, so logs keep their place among them. */
  readonly emit: (message: AirbyteMessage) => void;
  /** @default 'info' */
  readonly level?: LogLevel;
  /** Strings that must never be printed; replaced by `[redacted]`. */
  readonly secrets?: () => readonly string[];
}

export function createAirbyteLogger(options: AirbyteLoggerOptions): Logger {
  const min = ORDER[options.level ?? 'info'];
  const secrets = options.secrets ?? (() => []);
  const make = (base: LogFields): Logger => {
    const log = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (ORDER[level] < min) return;
      const text = renderLine(message, fields ? { ...base, ...fields } : base);
      options.emit(logMessage(LEVELS[level], redact(text, secrets())));
    };
    return {
      debug: (m, f) => log('debug', m, f),
      info: (m, f) => log('info', m, f),
      warn: (m, f) => log('warn', m, f),
      error: (m, f) => log('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

/** `message  key=value key2="two words" key3={"a":1}`: strings bare unless they need quotes. */
export function renderLine(message: string, fields: LogFields): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v)}`);
  return parts.length > 0 ? `${message}  ${parts.join(' ')}` : message;
}
