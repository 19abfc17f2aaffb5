/**
 * @module The table the local runner prints when a capture ends: per collection what this run
 * captured and what the table holds now, then totals, requests and wall time, then the parents
 * that were skipped (a 403/404 on one project's issues, say) so they are never silent.
 */
import Table from 'cli-table3';
import type { CaptureResult } from '../capture.js';
import type { SkipRecord } from '../engine/types.js';
import { formatCount, formatDuration } from './format.js';

export interface CollectionRows {
  readonly name: string;
  /** Rows in the collection's table after the run. */
  readonly rows: number;
}

export interface SummaryInput {
  readonly result: CaptureResult;
  /** The bound collections, in binding order. */
  readonly collections: readonly CollectionRows[];
  /** Colored headers, for a terminal. @default false */
  readonly color?: boolean;
  /** Skipped parents listed before the rest are only counted. @default 20 */
  readonly maxSkipped?: number;
}

function table(head: string[], color: boolean, align: Array<'left' | 'right'>): Table.Table {
  return new Table({
    head,
    colAligns: align,
    // Empty styles turn cli-table3's ANSI codes off, so piped output and tests see plain text;
    // compact drops the rule between rows, which would double the height of a long list.
    style: color ? { head: ['cyan'], border: ['grey'], compact: true } : { head: [], border: [], compact: true },
  });
}

export function formatSummary(input: SummaryInput): string {
  const { result } = input;
  const color = input.color ?? false;
  const maxSkipped = input.maxSkipped ?? 20;

  const stats = table(['collection', 'captured', 'rows', 'skipped parents'], color, ['left', 'right', 'right', 'right']);
  let captured = 0;
  let rows = 0;
  let skipped = 0;
  const listed = new Set<string>();
  const addRow = (name: string, tableRows: number | undefined): void => {
    const stream = result.streams[name] ?? { documents: 0, skipped: 0 };
    captured += stream.documents;
    rows += tableRows ?? 0;
    skipped += stream.skipped;
    listed.add(name);
    stats.push([name, formatCount(stream.documents), tableRows === undefined ? '' : formatCount(tableRows), formatCount(stream.skipped)]);
  };
  for (const c of input.collections) addRow(c.name, c.rows);
  // Streams read only as ancestors have no table, but their skips still count.
  for (const name of Object.keys(result.streams)) if (!listed.has(name)) addRow(name, undefined);
  stats.push(['total', formatCount(captured), formatCount(rows), formatCount(skipped)]);

  const lines = [
    stats.toString(),
    `${formatCount(result.requests)} requests in ${formatDuration(result.durationMs)}`,
  ];
  if (result.skipped.length > 0) lines.push('', ...formatSkipped(result.skipped, color, maxSkipped));
  return lines.join('\n') + '\n';
}

function formatSkipped(skips: readonly SkipRecord[], color: boolean, max: number): string[] {
  const list = table(['stream', 'parent', 'status', 'reason'], color, ['left', 'left', 'right', 'left']);
  for (const s of skips.slice(0, max)) {
    // Reasons are whole HTTP error messages; the full text is in the warning logged for each skip.
    const reason = s.reason.length > 80 ? `${s.reason.slice(0, 79)}…` : s.reason;
    list.push([s.stream, s.parent, s.status === undefined ? '' : String(s.status), reason]);
  }
  const lines = [`skipped parents (${formatCount(skips.length)}):`, list.toString()];
  if (skips.length > max) lines.push(`… and ${formatCount(skips.length - max)} more, each logged as a warning`);
  return lines;
}
