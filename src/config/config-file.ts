/**
 * @module Reads the local runner's `--config` file: YAML or JSON, returned raw for `parseConfig`
 * to validate. Every failure is one line naming the file and, for syntax errors, the line and
 * column. Messages never quote the file's text: a config holds access tokens.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import YAML from 'yaml';
import { SourceGitlabError } from '../errors.js';

export class ConfigFileError extends SourceGitlabError {
  override readonly name = 'ConfigFileError';
  readonly code = 'CONFIG_FILE';
  readonly path: string;
  /** 1-based position of a syntax error. */
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, options: { path: string; line?: number; column?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.path = options.path;
    this.line = options.line;
    this.column = options.column;
  }
}

/** The parsed contents of a YAML or JSON config file, not yet validated. */
export async function loadConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigFileError(`config file not found: ${path}`, { path, cause: err });
    throw new ConfigFileError(`cannot read config file ${path}: ${code ?? String(err)}`, { path, cause: err });
  }
  text = text.replace(/^\uFEFF/, ''); // editors on Windows save a BOM that neither parser accepts
  // YAML would read JSON too, but a .json file deserves JSON's own error messages.
  const value = extname(path).toLowerCase() === '.json' ? parseJson(path, text) : parseYaml(path, text);
  if (value === null || value === undefined) throw new ConfigFileError(`config file ${path} is empty`, { path });
  return value;
}

function parseYaml(path: string, text: string): unknown {
  try {
    return YAML.parse(text);
  } catch (err) {
    if (!(err instanceof YAML.YAMLParseError)) {
      throw new ConfigFileError(`invalid YAML in ${path}: ${String(err)}`, { path, cause: err });
    }
    // The message's first line is the reason; the lines after it quote the file, so drop them.
    const reason = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const at = err.linePos?.[0];
    if (!at) throw new ConfigFileError(`invalid YAML in ${path}: ${reason}`, { path, cause: err });
    throw new ConfigFileError(`invalid YAML in ${path} at line ${at.line}, column ${at.col}: ${reason}`, {
      path,
      line: at.line,
      column: at.col,
      cause: err,
    });
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const { line, column } = lineAndColumn(text, jsonErrorOffset(text));
    throw new ConfigFileError(`invalid JSON in ${path} at line ${line}, column ${column}: ${jsonReason(message)}`, {
      path,
      line,
      column,
      cause: err,
    });
  }
}

/** Where V8 reports the error: an offset, `null` when it gives none, undefined when none is found. */
function reportedOffset(text: string): number | null | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    const at = /at position (\d+)/.exec(message)?.[1];
    if (at !== undefined) return Number(at);
    return /Unexpected end of JSON input/.test(message) ? text.length : null;
  }
}

/**
 * The offset of the first bad character. V8 gives "at position N" for most errors but not for
 * "Unexpected token 'x', ..." (and quotes the text instead, which may hold a token). Parsing
 * stops at the first bad character, so a prefix of the text fails before its own end exactly when
 * it contains that character: the shortest such prefix, found by bisection, ends there.
 */
export function jsonErrorOffset(text: string): number {
  const failsInside = (end: number): boolean => {
    const at = reportedOffset(text.slice(0, end));
    if (at === undefined) return false;
    return at === null || at < end;
  };
  if (!failsInside(text.length)) return text.length; // only truncated: the error is at the end
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** V8's reason without the offset and without the excerpt of the text some messages quote. */
function jsonReason(message: string): string {
  const reason = message
    .replace(/, (\.\.\.)?".*$/s, '') // `Unexpected token 'x', ..."<excerpt>"... is not valid JSON`
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'unexpected end of file');
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}
