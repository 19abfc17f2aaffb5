import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError, jsonErrorOffset, loadConfigFile } from './config-file.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-config-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function failure(path: string): Promise<ConfigFileError> {
  const err: unknown = await loadConfigFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ConfigFileError)) throw new Error(`expected a ConfigFileError, got ${String(err)}`);
  return err;
}

const expected = {
  api_url: 'gitlab.example.com',
  credentials: { auth_type: 'access_token', access_token: 'glpat-0123456789abcdef' },
  groups: 'a b',
};

describe('loadConfigFile', () => {
  it('loads YAML and JSON config files and names the file on a parse error', async () => {
    const yaml = file(
      'config.yaml',
      'api_url: gitlab.example.com\ncredentials:\n  auth_type: access_token\n  access_token: glpat-0123456789abcdef\ngroups: a b\n',
    );
    const json = file('config.json', `\uFEFF${JSON.stringify(expected, null, 2)}`);
    const jsonInYml = file('config.yml', JSON.stringify(expected)); // YAML reads JSON too
    await expect(loadConfigFile(yaml)).resolves.toEqual(expected);
    await expect(loadConfigFile(json)).resolves.toEqual(expected);
    await expect(loadConfigFile(jsonInYml)).resolves.toEqual(expected);

    const badYaml = await failure(file('bad.yaml', 'api_url: x\ncredentials: [a, b\nstart_date: y\n'));
    expect(badYaml.message).toMatch(new RegExp(`^invalid YAML in ${badYaml.path} at line 3, column 1: `));
    expect([badYaml.line, badYaml.code]).toEqual([3, 'CONFIG_FILE']);

    const badJson = await failure(file('bad.json', '{\n  "api_url": "x",\n  "groups": a\n}\n'));
    expect(badJson.message).toBe(`invalid JSON in ${badJson.path} at line 3, column 13: unexpected token 'a'`);
  });

  it('never quotes the file in a parse error, since it holds tokens', async () => {
    const secret = 'glpat-SECRETSECRETSECRET';
    const yaml = await failure(file('s.yaml', `access_token: ${secret}\n  nested: : x\n`));
    const json = await failure(file('s.json', `{"access_token": "${secret}", x}`));
    expect(yaml.message).not.toContain(secret);
    expect(json.message).not.toContain(secret);
    expect(yaml.message.split('\n')).toHaveLength(1);
  });

  it('says in one line that a config file is missing', async () => {
    const path = join(dir, 'nope.yaml');
    const err = await failure(path);
    expect(err.message).toBe(`config file not found: ${path}`);
  });

  it('rejects an empty config file', async () => {
    const err = await failure(file('empty.yaml', '# nothing here\n'));
    expect(err.message).toBe(`config file ${err.path} is empty`);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": x}', 6],
    ['[1,]', 3],
    ['{"a":1} x', 8],
    ['{"a":1', 6],
    ['', 0],
  ])('finds the first bad character of %j at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
