import { describe, expect, it } from 'vitest';
import type { CaptureResult } from '../capture.js';
import { formatSummary } from './summary.js';

const result: CaptureResult = {
  streams: {
    groups: { documents: 2, skipped: 0 },
    projects: { documents: 1500, skipped: 0 },
    issues: { documents: 40, skipped: 1 },
  },
  skipped: [{ stream: 'issues', parent: 'project_id=7', status: 403, reason: 'issues are disabled' }],
  durationMs: 3400,
  requests: 61,
};

describe('formatSummary', () => {
  it('prints one row per collection, totals, requests and wall time, then the skipped parents', () => {
    const text = formatSummary({
      result,
      collections: [
        { name: 'groups', rows: 2 },
        { name: 'projects', rows: 1500 },
        { name: 'issues', rows: 52 },
      ],
    });
    expect(text).toBe(
      [
        '┌────────────┬──────────┬───────┬─────────────────┐',
        '│ collection │ captured │  rows │ skipped parents │',
        '├────────────┼──────────┼───────┼─────────────────┤',
        '│ groups     │        2 │     2 │               0 │',
        '│ projects   │    1,500 │ 1,500 │               0 │',
        '│ issues     │       40 │    52 │               1 │',
        '│ total      │    1,542 │ 1,554 │               1 │',
        '└────────────┴──────────┴───────┴─────────────────┘',
        '61 requests in 3.4 s',
        '',
        'skipped parents (1):',
        '┌────────┬──────────────┬────────┬─────────────────────┐',
        '│ stream │ parent       │ status │ reason              │',
        '├────────┼──────────────┼────────┼─────────────────────┤',
        '│ issues │ project_id=7 │    403 │ issues are disabled │',
        '└────────┴──────────────┴────────┴─────────────────────┘',
        '',
      ].join('\n'),
    );
  });

  it('has no ANSI colors unless asked', () => {
    const plain = formatSummary({ result, collections: [] });
    expect(plain).not.toMatch(/\x1b\[/);
  });

  it('lists a bounded number of skipped parents and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      stream: 'issues',
      parent: `project_id=${i}`,
      status: 404,
      reason: 'not found',
    }));
    const text = formatSummary({ result: { ...result, skipped: many }, collections: [], maxSkipped: 2 });
    expect(text).toContain('skipped parents (5):');
    expect(text).toContain('project_id=1');
    expect(text).not.toContain('project_id=2');
    expect(text).toContain('… and 3 more, each logged as a warning');
  });

  it('still counts skips of streams that were read only as ancestors', () => {
    const text = formatSummary({ result, collections: [{ name: 'issues', rows: 52 }] });
    expect(text).toMatch(/│ groups +│ +2 │ +│ +0 │/);
  });
});
