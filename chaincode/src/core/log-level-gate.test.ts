import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { gateWinstonByLevel } from './log-level-gate';

type Winston = {
  createLogger(o: unknown): { info(m: string): void; warn(m: string): void; error(m: string): void };
  format: ((fn: (info: { message: string }) => unknown) => () => unknown);
  transports: { Stream: new (o: unknown) => unknown };
};
const winston = createRequire(require.resolve('fabric-shim'))('winston') as Winston;

describe('core: winston level gate', () => {
  it('drops entries below the level before any format runs, and keeps the rest', () => {
    const formatted: string[] = [];
    const sink = new PassThrough({ objectMode: true });
    const logger = winston.createLogger({
      level: 'warn',
      format: winston.format((info) => { formatted.push(info.message); return info; })(),
      transports: [new winston.transports.Stream({ stream: sink })],
    });
    assert.ok(gateWinstonByLevel() >= 1, 'fabric-shim\'s winston is gated');
    assert.equal(gateWinstonByLevel() >= 1, true, 'a second call is harmless');
    logger.info('dropped');
    logger.warn('kept');
    logger.error('kept too');
    assert.deepEqual(formatted, ['kept', 'kept too']);
  });
});
