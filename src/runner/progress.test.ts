import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, formatProgressLine, formatProgressLog, type ProgressSnapshot } from './progress.js';

/** A stderr stand-in that records what is written, as a terminal or as a file. */
class Capture extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const skip = { stream: 'issues', parent: 'project_id=4', status: 403, reason: 'forbidden' };

const snapshot: ProgressSnapshot = {
  documents: new Map([
    ['projects', 12],
    ['merge_requests', 3],
    ['issues', 1234],
  ]),
  skipped: 1,
  requests: 57,
  elapsedMs: 12_300,
};

describe('progress formatting', () => {
  it('puts totals first and the most recently active stream first on the terminal line', () => {
    expect(formatProgressLine(snapshot, 200)).toBe(
      '1,249 documents · 57 requests · 1 skipped · 12.3 s │ issues 1,234 · merge_requests 3 · projects 12',
    );
  });

  it('leaves out requests when they are not counted', () => {
    expect(formatProgressLog({ ...snapshot, requests: undefined, skipped: 0 })).toBe(
      'progress: 1,249 documents, 12.3 s elapsed (issues 1,234, merge_requests 3, projects 12)',
    );
  });

  it('cuts the terminal line to the width of the terminal', () => {
    const line = formatProgressLine(snapshot, 40);
    expect(line).toHaveLength(40);
    expect(line.endsWith('…')).toBe(true);
  });

  it('lists every stream by name in the plain log line', () => {
    expect(formatProgressLog(snapshot)).toBe(
      'progress: 1,249 documents, 57 requests, 1 skipped parents, 12.3 s elapsed ' +
        '(issues 1,234, merge_requests 3, projects 12)',
    );
  });
});

describe('createProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a plain line every few seconds when stderr is not a terminal, and nothing after stop', () => {
    const out = new Capture(false);
    let clock = 0;
    const progress = createProgress({ stream: out, intervalMs: 2000, now: () => clock });
    progress.onProgress({ type: 'documents', stream: 'groups', count: 2 });
    progress.onProgress({ type: 'documents', stream: 'groups', count: 3 });
    progress.onProgress({ type: 'skip', skip });
    progress.request();
    clock = 2000;
    vi.advanceTimersByTime(2000);
    expect(out.text).toBe('progress: 5 documents, 1 requests, 1 skipped parents, 2.0 s elapsed (groups 5)\n');
    progress.stop();
    vi.advanceTimersByTime(10_000);
    expect(out.text.split('\n')).toHaveLength(2);
  });

  it('redraws one line on a terminal and clears it on stop', () => {
    const out = new Capture(true);
    const progress = createProgress({ stream: out, now: () => 0 });
    progress.onProgress({ type: 'documents', stream: 'projects', count: 7 });
    vi.advanceTimersByTime(1000);
    expect(out.text).toContain('7 documents · 0 requests · 0 ms │ projects 7');
    progress.print(() => out.write('warn  skipping parent\n'));
    expect(out.text).toMatch(/\r\x1b\[2Kwarn  skipping parent\n\r7 documents/);
    progress.stop();
    progress.stop();
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
