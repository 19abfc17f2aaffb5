/**
 * @module The files Airbyte passes on the command line: `--config` (JSON, or YAML for people),
 * `--catalog` and `--state` (JSON). Errors name the file and the position, never quote it: the
 * config and the state may hold tokens.
 */
import { readFile } from 'node:fs/promises';
import { configSecrets, parseConfig, rawConfigSecrets, type Config } from '../../config/config.js';
import type { JsonObject } from '../../engine/types.js';
import type { SecretSet } from '../../log/secrets.js';
import { jsonErrorOffset, lineAndColumn, loadConfigFile } from '../../config/config-file.js';
import { AirbyteInputError } from './errors.js';

export interface LoadedConfig {
  /** As written in the file: what a CONTROL message sends back with rotated tokens. */
  readonly raw: JsonObject;
  readonly config: Config;
}

/** Reads and validates the config, registering its secrets for redaction before anything can log them. */
export async function loadConfig(path: string, secrets: SecretSet): Promise<LoadedConfig> {
  const raw = await loadConfigFile(path);
  secrets.add(...rawConfigSecrets(raw));
  const config = parseConfig(raw);
  secrets.add(...configSecrets(config));
  return { raw: raw as JsonObject, config };
}

/** A JSON file (`what`: "catalog", "state"). */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AirbyteInputError(code === 'ENOENT' ? `${what} file not found: ${path}` : `cannot read ${what} file ${path}: ${code ?? String(err)}`, {
      cause: err,
    });
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { line, column } = lineAndColumn(text, jsonErrorOffset(text));
    throw new AirbyteInputError(`invalid JSON in ${what} file ${path} at line ${line}, column ${column}`);
  }
}
