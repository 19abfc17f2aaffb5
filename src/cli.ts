#!/usr/bin/env node
/**
 * @module The `source-gitlab` command. With no arguments it speaks Flow's capture protocol on
 * stdin/stdout (the container entrypoint); `spec`, `check`, `discover` and `read` speak Airbyte's;
 * `capture` runs the local runner into SQLite; `sim` serves the bundled GitLab API simulator.
 */
import { Command, InvalidArgumentError } from 'commander';
import { isSourceGitlabError } from './errors.js';
import { createLogger, parseLogLevel, redact, type Logger } from './log/logger.js';
import { SecretSet } from './log/secrets.js';
import { runAirbyte, writeAirbyteFailure, type AirbyteCommand } from './protocols/airbyte/run.js';
import { runFlow } from './protocols/flow/run.js';

const secrets = new SecretSet();

function logger(format: 'json' | 'pretty'): Logger {
  return createLogger({ level: parseLogLevel(process.env['LOG_LEVEL']), secrets: () => secrets.list(), format });
}

/**
 * Exits once stdout and stderr have handed everything to the OS: `process.exit` alone can cut
 * off the last lines written to a pipe.
 */
async function exit(code: number): Promise<never> {
  const drained = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

/** Prints one clear line for a failure (a stack trace only at LOG_LEVEL=debug) and exits 1. */
async function fail(err: unknown, log: Logger): Promise<never> {
  const debug = parseLogLevel(process.env['LOG_LEVEL']) === 'debug';
  const known = isSourceGitlabError(err);
  const message = err instanceof Error ? err.message : String(err);
  log.error(known ? message : `unexpected error: ${message}`, {
    ...(known ? { code: err.code } : {}),
    ...(debug && err instanceof Error && err.stack ? { stack: redact(err.stack, secrets.list()) } : {}),
  });
  return exit(1);
}

/** Airbyte's variant of {@link fail}: one TRACE error message on stdout, then exit 1. */
async function failAirbyte(err: unknown): Promise<never> {
  const debug = parseLogLevel(process.env['LOG_LEVEL']) === 'debug';
  await writeAirbyteFailure(process.stdout, err, { secrets: secrets.list(), debug });
  return exit(1);
}

/** Runs one Airbyte command; its messages, logs included, go to stdout. */
async function airbyte(command: AirbyteCommand): Promise<void> {
  try {
    await runAirbyte(command, { stdout: process.stdout, secrets, level: parseLogLevel(process.env['LOG_LEVEL']) });
  } catch (err) {
    await failAirbyte(err);
  }
  await exit(0);
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
      await fail(err, log);
    }
    // Open handles (keep-alive sockets, stdin) must not keep a finished pass alive.
    await exit(0);
  });

program
  .command('capture')
  .description('Capture into a local SQLite database, one table per collection. Without --config, captures from the bundled simulator.')
  .option('-c, --config <file>', 'config file, YAML or JSON')
  .option('-d, --db <file>', 'SQLite database file', 'source-gitlab.db')
  .option('-s, --streams <names>', 'comma-separated streams to capture (default: all)', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .action(async (opts: { config?: string; db: string; streams?: string[] }) => {
    const log = logger('pretty');
    try {
      // Loaded only for this command: the protocol paths never load SQLite's native addon.
      const { runLocalCapture } = await import('./runner/run.js');
      await runLocalCapture({
        ...(opts.config ? { configPath: opts.config } : {}),
        ...(opts.streams ? { streams: opts.streams } : {}),
        dbPath: opts.db,
        log,
        secrets,
      });
    } catch (err) {
      await fail(err, log);
    }
    await exit(0);
  });

program
  .command('sim')
  .description('Serve the GitLab API simulator on 127.0.0.1 until interrupted.')
  .option('-p, --port <n>', 'port (0: any free port)', integer('--port'), 0)
  .option('-s, --seed <n>', 'data seed', integer('--seed'), 1)
  .action(async (opts: { port: number; seed: number }) => {
    const log = logger('pretty');
    try {
      // Loaded only for this command: the protocol paths never load the simulator.
      const { runSimulatorServer } = await import('../simulator/index.js');
      await runSimulatorServer({ port: opts.port, seed: opts.seed });
    } catch (err) {
      await fail(err, log);
    }
  });

program
  .command('spec')
  .description('Airbyte: print the connector specification.')
  .action(() => airbyte({ name: 'spec' }));

program
  .command('check')
  .description('Airbyte: check that the config can reach GitLab (always exits 0; the status says FAILED).')
  .requiredOption('--config <file>', 'config file, JSON or YAML')
  .action((opts: { config: string }) => airbyte({ name: 'check', config: opts.config }));

program
  .command('discover')
  .description('Airbyte: print the catalog of streams.')
  .requiredOption('--config <file>', 'config file, JSON or YAML')
  .action((opts: { config: string }) => airbyte({ name: 'discover', config: opts.config }));

program
  .command('read')
  .description('Airbyte: read the configured catalog, printing records, state and logs.')
  .requiredOption('--config <file>', 'config file, JSON or YAML')
  .requiredOption('--catalog <file>', 'configured catalog, JSON')
  .option('--state <file>', 'state from a previous read, JSON')
  .action((opts: { config: string; catalog: string; state?: string }) =>
    airbyte({ name: 'read', config: opts.config, catalog: opts.catalog, ...(opts.state ? { state: opts.state } : {}) }),
  );

await program.parseAsync(process.argv);
