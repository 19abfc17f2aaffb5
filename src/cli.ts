#!/usr/bin/env node
/**
 * @module The `source-gitlab` command. With no arguments it speaks Flow's capture protocol on
 * stdin/stdout (the container entrypoint); `capture` runs the local runner into SQLite; `sim`
 * serves the bundled GitLab API simulator.
 */
import { Command, InvalidArgumentError } from 'commander';
import { isSourceGitlabError } from './errors.js';
import { createLogger, parseLogLevel, redact, type Logger } from './log/logger.js';
import { SecretSet } from './log/secrets.js';
import { runFlow } from './protocols/flow/run.js';
import { runLocalCapture } from './runner/run.js';
import { runSimulatorServer } from '../simulator/index.js';

const secrets = new SecretSet();

function logger(format: 'json' | 'pretty'): Logger {
  return createLogger({ level: parseLogLevel(process.env['LOG_LEVEL']), secrets: () => secrets.list(), format });
}

/** Prints one clear line for a failure (a stack trace only at LOG_LEVEL=debug) and exits 1. */
function fail(err: unknown, log: Logger): never {
  const debug = parseLogLevel(process.env['LOG_LEVEL']) === 'debug';
  const known = isSourceGitlabError(err);
  const message = err instanceof Error ? err.message : String(err);
  log.error(known ? message : `unexpected error: ${message}`, {
    ...(known ? { code: err.code } : {}),
    ...(debug && err instanceof Error && err.stack ? { stack: redact(err.stack, secrets.list()) } : {}),
  });
  process.exit(1);
}

function integer(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
    return n;
  };
}

const program = new Command()
  .name('source-gitlab')
  .description('Capture GitLab into Estuary Flow (no arguments: Flow capture protocol on stdin/stdout) or a local SQLite database.')
  .action(async () => {
    const log = logger('json');
    try {
      await runFlow({ stdin: process.stdin, stdout: process.stdout, log, secrets });
    } catch (err) {
      fail(err, log);
    }
    // Open handles (keep-alive sockets, stdin) must not keep a finished pass alive.
    process.exit(0);
  });

program
  .command('capture')
  .description('Capture into a local SQLite database, one table per collection. Without --config, captures from the bundled simulator.')
  .option('-c, --config <file>', 'config file, YAML or JSON')
  .option('-d, --db <file>', 'SQLite database file', 'source-gitlab.db')
  .action(async (opts: { config?: string; db: string }) => {
    const log = logger('pretty');
    try {
      await runLocalCapture({ ...(opts.config ? { configPath: opts.config } : {}), dbPath: opts.db, log, secrets });
    } catch (err) {
      fail(err, log);
    }
    process.exit(0);
  });

program
  .command('sim')
  .description('Serve the GitLab API simulator on 127.0.0.1 until interrupted.')
  .option('-p, --port <n>', 'port (0: any free port)', integer('--port'), 0)
  .option('-s, --seed <n>', 'data seed', integer('--seed'), 1)
  .action(async (opts: { port: number; seed: number }) => {
    const log = logger('pretty');
    try {
      await runSimulatorServer({ port: opts.port, seed: opts.seed });
    } catch (err) {
      fail(err, log);
    }
  });

await program.parseAsync(process.argv);
