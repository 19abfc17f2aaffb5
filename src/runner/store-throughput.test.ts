import { describe, expect, it } from 'vitest';
import { measureStoreThroughput } from './store-throughput.js';

// Only that the helper works: a timing assertion would fail on a busy CI machine.
describe('measureStoreThroughput', () => {
  it('writes the requested rows in checkpointed batches and reports a rate', () => {
    const result = measureStoreThroughput({ rows: 2500, batch: 1000 });
    expect(result.stored).toBe(2500);
    expect(result.rowsPerSecond).toBeGreaterThan(0);
  });
});
