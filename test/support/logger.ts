/** A logger whose every line is kept, so tests can assert nothing secret was written. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/lib/logger.ts';

export interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: string[];
  readonly text: () => string;
}

/** Creates a debug-level logger writing into memory. */
export function captureLogger(level = 'debug'): CapturedLogger {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger({ level, destination }), lines, text: () => lines.join('') };
}
