import { type RecordedEvent } from '../../infrastructure/event-store/event-store';

/** The checkpoint was not where this owner left it: someone else applied the batch, or paused. */
export class CheckpointMoved extends Error {
  override readonly name = 'CheckpointMoved';
  constructor(readonly projection: string) {
    super(`checkpoint of ${projection} moved under its owner`);
  }
}

/** A projection could not apply an event; the message names the event's position. */
export class ProjectionEventFailed extends Error {
  override readonly name = 'ProjectionEventFailed';
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(
      `${projection} cannot apply ${event.type} at position ${event.position} ` +
        `(${event.streamId}@${event.version}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** SQLSTATE classes and codes worth retrying: the same batch may well succeed later. */
const TRANSIENT_CLASSES = ['08', '53', '57', '58'];
const TRANSIENT_CODES = new Set(['40001', '40P01', '55P03', '55006']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * True for failures of the database or the network (retry with backoff), false for failures of
 * the projection itself: bad data, a violated constraint, a bug (mark the projection FAILED).
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_CODES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_CLASSES.includes(code.slice(0, 2));
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed/i.test(
    error.message,
  );
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
