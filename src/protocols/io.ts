/** @module JSON lines over stdio, shared by the protocol adapters. */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { SourceGitlabError } from '../errors.js';

/** A request line could not be understood. Carries the line number, never the line (it may hold secrets). */
export class ProtocolError extends SourceGitlabError {
  override readonly name = 'ProtocolError';
  readonly code = 'PROTOCOL_INVALID';
  readonly lineNumber: number;
  constructor(lineNumber: number, problem: string) {
    super(`request line ${lineNumber}: ${problem}`);
    this.lineNumber = lineNumber;
  }
}

/** Yields each non-empty line of `input` parsed as JSON, with its 1-based number. */
export async function* readJsonLines(input: Readable): AsyncGenerator<{ value: unknown; lineNumber: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of rl) {
    lineNumber++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      // V8's message quotes the text, which may hold a token: keep only the position.
      const pos = /position (\d+)/.exec(String(err))?.[1];
      throw new ProtocolError(lineNumber, `not valid JSON${pos ? ` (at character ${pos})` : ''}`);
    }
    yield { value, lineNumber };
  }
}

/**
 * Writes one JSON value per line. A line goes out at once (with any batched lines before it),
 * unless written with `{batch: true}`: documents are gathered and handed to the stream in chunks
 * of about 64 KiB, since a write to a pipe is otherwise a system call per line, and they only
 * count once a checkpoint (written at once) commits them. When the stream's buffer is full, the
 * returned promise waits for it to drain.
 */
export interface LineWriter {
  write(value: unknown, options?: { readonly batch?: boolean }): void | Promise<void>;
  /** Resolves once everything written has reached the OS. */
  flush(): Promise<void>;
}

const CHUNK_BYTES = 64 * 1024;

export function createLineWriter(output: Writable): LineWriter {
  let pending: string[] = [];
  let size = 0;
  const push = (): void | Promise<void> => {
    if (pending.length === 0) return undefined;
    const chunk = pending.join('');
    pending = [];
    size = 0;
    if (!output.write(chunk)) return once(output, 'drain').then(() => undefined);
    return undefined;
  };
  return {
    write(value, options) {
      const line = JSON.stringify(value) + '\n';
      pending.push(line);
      size += line.length;
      return !options?.batch || size >= CHUNK_BYTES ? push() : undefined;
    },
    // An empty write's callback runs once everything queued before it reached the OS, so a
    // process that exits right after cannot cut off its last lines.
    async flush() {
      await push();
      await new Promise<void>((resolve, reject) => output.write('', (err) => (err ? reject(err) : resolve())));
    },
  };
}
