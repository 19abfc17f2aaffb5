/**
 * @module Flow capture requests as they arrive on stdin (protobuf-JSON: lowerCamelCase, default
 * values omitted, unknown fields ignored), checked with zod so a bad line gets an error that
 * names the field.
 */
import { z } from 'zod';
import { ProtocolError } from '../io.js';

const resourceConfig = z.looseObject({
  stream: z.string().min(1),
  syncMode: z.enum(['incremental', 'full_refresh']).optional(),
  namespace: z.string().optional(),
  cursorField: z.array(z.string()).optional(),
});
export type ResourceConfig = z.infer<typeof resourceConfig>;

const captureBinding = z.looseObject({
  resourceConfig,
  resourcePath: z.array(z.string()).optional(),
  backfill: z.number().int().optional(),
  stateKey: z.string().optional(),
});

const captureSpec = z.looseObject({
  name: z.string().optional(),
  config: z.unknown(),
  bindings: z.array(captureBinding).optional(),
});

const bodies = {
  spec: z.looseObject({}),
  discover: z.looseObject({ config: z.unknown() }),
  validate: z.looseObject({
    name: z.string().optional(),
    config: z.unknown(),
    bindings: z.array(z.looseObject({ resourceConfig, backfill: z.number().int().optional() })).optional(),
  }),
  apply: z.looseObject({ capture: captureSpec.optional() }),
  open: z.looseObject({ capture: captureSpec, state: z.unknown().optional() }),
  acknowledge: z.looseObject({ checkpoints: z.number().int().optional() }),
};

type Bodies = typeof bodies;
/** A request, discriminated by `kind` (the top-level key of the line). */
export type FlowRequest = { [K in keyof Bodies]: { kind: K; body: z.infer<Bodies[K]> } }[keyof Bodies];
export type CaptureSpec = z.infer<typeof captureSpec>;

const KINDS = Object.keys(bodies) as (keyof Bodies)[];

export function parseRequest(value: unknown, lineNumber: number): FlowRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError(lineNumber, 'expected a JSON object');
  }
  const keys = Object.keys(value).filter((k) => k !== '$internal');
  const kind = keys.find((k): k is keyof Bodies => (KINDS as string[]).includes(k));
  if (!kind) throw new ProtocolError(lineNumber, `unknown request ${JSON.stringify(keys[0] ?? '')} (expected one of ${KINDS.join(', ')})`);
  const parsed = bodies[kind].safeParse((value as Record<string, unknown>)[kind]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [kind, ...(issue?.path.map(String) ?? [])].join('.');
    throw new ProtocolError(lineNumber, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return { kind, body: parsed.data } as FlowRequest;
}
