/**
 * Golden transcripts of the Flow protocol's unary responses: any change to the spec, the
 * resource configs or a document schema shows up as a diff of test/golden/ in review.
 * Regenerate with `npx vitest run test/flow-golden.test.ts -u` after an intended change.
 */
import { describe, expect, it } from 'vitest';
import { runConnector } from './helpers/connector.js';

const config = { credentials: { auth_type: 'access_token', access_token: 'glpat-GOLDEN-NOT-A-REAL-TOKEN' } };

describe('Flow protocol transcripts', () => {
  it('spec, discover and apply answer as recorded, on one process', async () => {
    const stdin = [{ spec: { connectorType: 'IMAGE', config: {} } }, { discover: { connectorType: 'IMAGE', config } }, { apply: { capture: { name: 'acmeCo/gitlab', config } } }]
      .map((m) => JSON.stringify(m))
      .join('\n');
    const r = await runConnector([], { stdin: stdin + '\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('GOLDEN-NOT-A-REAL-TOKEN');
    const [spec, discovered, applied] = r.messages;
    await expect(JSON.stringify(spec, null, 2) + '\n').toMatchFileSnapshot('golden/spec.json');
    await expect(JSON.stringify(discovered, null, 2) + '\n').toMatchFileSnapshot('golden/discover.json');
    expect(applied).toEqual({ applied: { actionDescription: '' } });
    expect((spec as { spec: { protocol: number } }).spec.protocol).toBe(3032023);
  });
});
