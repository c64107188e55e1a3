import pino from 'pino';
import { Writable } from 'node:stream';
import { NestPinoLogger } from './log';

/** A NestPinoLogger writing to memory; each line parsed. */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: new NestPinoLogger(pino({ level }, out)), lines };
}

describe('NestPinoLogger: Nest calls as pino lines', () => {
  it('a message with its context', () => {
    const { log, lines } = capture();
    log.log('Docket 已启动', 'Bootstrap');
    log.warn('the database is busy', 'Db');
    expect(lines).toMatchObject([
      { level: 30, msg: 'Docket 已启动', context: 'Bootstrap' },
      { level: 40, msg: 'the database is busy', context: 'Db' },
    ]);
  });

  it("an exception handler's error(message, stack, context) keeps the stack", () => {
    const { log, lines } = capture();
    const e = new Error('boom');
    log.error('Unhandled', e.stack, 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'Unhandled', context: 'ExceptionsHandler' });
    expect((lines[0].err as { stack: string }).stack).toContain('boom');
  });

  it('an Error or an object as the message', () => {
    const { log, lines } = capture();
    log.error(new Error('disk full'), 'Db');
    log.log({ event: 'seeded', cases: 3 }, 'Seed');
    expect(lines[0]).toMatchObject({ msg: 'disk full', context: 'Db', err: { message: 'disk full' } });
    expect(lines[1]).toMatchObject({ event: 'seeded', cases: 3, context: 'Seed' });
  });

  it('below the level nothing is written', () => {
    const { log, lines } = capture('warn');
    log.log('quiet', 'X');
    log.debug('quieter', 'X');
    log.verbose('quietest', 'X');
    log.warn('heard', 'X');
    expect(lines.map((l) => l.msg)).toEqual(['heard']);
  });
});
