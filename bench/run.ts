/**
 * Benchmarks: a full capture of a big project from the simulator on loopback, through the Flow
 * protocol (documents to a pipe) and through the local runner (documents into SQLite). Each
 * variant runs in a fresh process, the order alternates every round, and the median is reported
 * with the raw values, so a noisy shared machine shows up as spread rather than as a wrong number.
 *
 *   npm run bench                      # 20,000 issues, 3 rounds
 *   npm run bench -- --issues 100000 --rounds 5
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BIG_PROJECT_ID, DEFAULT_TOKEN, createSimulator } from '../simulator/index.js';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../src/cli.js');

interface Sample {
  readonly seconds: number;
  readonly documents: number;
  readonly maxRssMb: number;
}

interface Variant {
  readonly name: string;
  run(config: Record<string, unknown>, dir: string): Promise<Sample>;
}

/** Runs the connector; its final summary log line carries documents and peak memory. */
async function runCli(args: string[], stdin: string): Promise<Sample> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } });
  let stderr = '';
  let stdoutLines = 0;
  child.stdout.on('data', (d: Buffer) => {
    for (const b of d) if (b === 10) stdoutLines++;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`connector exited ${code}: ${stderr.slice(-2000)}`);
  const done = stderr
    .split('\n')
    .filter((l) => l.includes('"capture pass done"') || l.includes('capture done'))
    .at(-1);
  const rss = /max_rss_mb[=":]+\s*([\d.]+)/.exec(done ?? '')?.[1];
  const docs = /documents[=":]+\s*(\d+)/.exec(done ?? '')?.[1];
  return { seconds, documents: Number(docs ?? stdoutLines), maxRssMb: Number(rss ?? NaN) };
}

const variants: Variant[] = [
  {
    name: 'flow protocol → pipe',
    run: (config) =>
      runCli([], JSON.stringify({
        open: {
          capture: { config, bindings: [{ resourceConfig: { stream: 'issues', syncMode: 'incremental' }, resourcePath: ['issues'], stateKey: 'issues' }] },
          state: {},
        },
      }) + '\n'),
  },
  {
    name: 'local runner → sqlite',
    run: async (config, dir) => {
      const { writeFileSync } = await import('node:fs');
      const path = join(dir, `config-${Date.now()}.json`);
      writeFileSync(path, JSON.stringify(config));
      return runCli(['capture', '--config', path, '--db', join(dir, `bench-${Date.now()}.db`), '--streams', 'issues'], '');
    },
  },
];

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { issues: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
  const issues = Number(values.issues);
  const rounds = Number(values.rounds);
  const sim = createSimulator({ bigProjectIssues: issues });
  const url = await sim.listen(0);
  const dir = mkdtempSync(join(tmpdir(), 'source-gitlab-bench-'));
  const config = {
    api_url: url,
    credentials: { access_token: DEFAULT_TOKEN },
    projects: String(BIG_PROJECT_ID),
    requests_per_minute: 100_000,
  };
  const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) samples.get(v.name)?.push(await v.run(config, dir));
    }
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`source-gitlab bench: ${issues} issues in one project, ${rounds} rounds, node ${process.version}\n`);
  for (const [name, list] of samples) {
    const rates = list.map((s) => s.documents / s.seconds);
    console.log(`${name}`);
    console.log(`  documents/s  median ${median(rates).toFixed(0)}  raw [${rates.map((r) => r.toFixed(0)).join(', ')}]`);
    console.log(`  seconds      median ${median(list.map((s) => s.seconds)).toFixed(2)}  raw [${list.map((s) => s.seconds.toFixed(2)).join(', ')}]`);
    console.log(`  peak RSS MB  median ${median(list.map((s) => s.maxRssMb)).toFixed(0)}  raw [${list.map((s) => s.maxRssMb.toFixed(0)).join(', ')}]`);
  }
  const [a, b] = [...samples.values()].map((l) => median(l.map((s) => s.documents / s.seconds)));
  if (a && b) console.log(`\nratio sqlite/pipe throughput: ${(b / a).toFixed(2)}`);
}

await main();
