import { describe, expect, it } from 'vitest';
import { createAirbyteLogger, renderLine } from './logger.js';
import type { AirbyteMessage } from './messages.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error', secrets: string[] = []) {
  const messages: AirbyteMessage[] = [];
  const log = createAirbyteLogger({ emit: (m) => messages.push(m), ...(level ? { level } : {}), secrets: () => secrets });
  return { log, messages };
}

describe('createAirbyteLogger', () => {
  it('writes LOG messages with the level in upper case and the fields after the message', () => {
    const { log, messages } = capture();
    log.child({ stream: 'issues' }).warn('retrying request', { attempt: 2, delay_ms: 500 });
    expect(messages).toEqual([{ type: 'LOG', log: { level: 'WARN', message: 'retrying request  stream=issues attempt=2 delay_ms=500' } }]);
  });

  it('drops messages below its level (info by default)', () => {
    const { log, messages } = capture();
    log.debug('page read');
    log.error('failed');
    expect(messages.map((m) => (m.type === 'LOG' ? m.log.level : m.type))).toEqual(['ERROR']);
    const verbose = capture('debug');
    verbose.log.debug('page read');
    expect(verbose.messages).toHaveLength(1);
  });

  it('redacts secrets from the message and the fields', () => {
    const { log, messages } = capture('info', ['glpat-abcdef123456']);
    log.info('token glpat-abcdef123456 rejected', { url: 'https://h/api?private_token=glpat-abcdef123456' });
    expect(JSON.stringify(messages)).not.toContain('glpat-abcdef123456');
    expect(JSON.stringify(messages)).toContain('[redacted]');
  });
});

describe('renderLine', () => {
  it.each([
    ['no fields', {}, 'done'],
    ['a bare word', { stream: 'issues' }, 'done  stream=issues'],
    ['a string that needs quotes', { reason: 'not found' }, 'done  reason="not found"'],
    ['numbers and objects', { n: 3, streams: { issues: 2 } }, 'done  n=3 streams={"issues":2}'],
    ['undefined fields left out', { status: undefined, n: 1 }, 'done  n=1'],
  ])('%s', (_, fields, expected) => {
    expect(renderLine('done', fields)).toBe(expected);
  });
});
