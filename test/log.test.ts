import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createLogger } from '../src/log.js';

describe('the logger', () => {
  test('writes one JSON line per event and never the token, wherever it hides', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const log = createLogger('info', sink);
    const token = 'MTAxMjM0NTY3ODkwMTIzNDU2Nzg.secret.value';
    log.info({ event: 'test', token, config: { discord: { token } }, headers: { authorization: `Bot ${token}` } }, 'hello');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record.msg).toBe('hello');
    expect(lines[0]).not.toContain('secret.value');
  });
});
