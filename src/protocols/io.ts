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

/** Writes one JSON value per line, waiting for the stream to drain when its buffer is full. */
export interface LineWriter {
  write(value: unknown): void | Promise<void>;
  /** Resolves once everything written has been flushed. */
  flush(): Promise<void>;
}

export function createLineWriter(output: Writable): LineWriter {
  return {
    write(value) {
      if (!output.write(JSON.stringify(value) + '\n')) return once(output, 'drain').then(() => undefined);
      return undefined;
    },
    // An empty write's callback runs once everything queued before it reached the OS, so a
    // process that exits right after cannot cut off its last lines.
    flush() {
      return new Promise<void>((resolve, reject) => output.write('', (err) => (err ? reject(err) : resolve())));
    },
  };
}
