import pino from 'pino';
import { type LogLevel } from '../config/config';

export type Logger = pino.Logger;

/** JSON lines on stdout, one logger for the process; children carry context. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'chronocart' } });
}
