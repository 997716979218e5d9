import pino from 'pino';
import { type LogLevel } from '../config/config';
import { currentRequestId } from './request-context';

export type Logger = pino.Logger;

/** JSON lines on stdout, one logger for the process; lines logged for a request carry its id. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'chronocart' },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  });
}
