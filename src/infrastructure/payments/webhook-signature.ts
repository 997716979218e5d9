import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature (HTTP header names are case-insensitive). */
export const SIGNATURE_HEADER = 'Chronocart-Signature';
/** How far a signature's timestamp may be from now, either way, before it is refused. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

const MAX_HEADER_LENGTH = 2048;
const TIMESTAMP = /^\d{1,12}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export type SignatureVerdict =
  | { valid: true; timestamp: number }
  | { valid: false; reason: 'missing' | 'malformed' | 'mismatch' | 'stale' };

function digest(secret: string, timestamp: number, payload: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest();
}

/**
 * The header value for a payload: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`,
 * as Stripe signs. Signing the timestamp with the body makes a captured request useless once it
 * is older than the tolerance.
 */
export function signWebhookPayload(
  secret: string,
  payload: Buffer | string,
  timestampSeconds: number,
): string {
  return `t=${timestampSeconds},v1=${digest(secret, timestampSeconds, payload).toString('hex')}`;
}

/**
 * Checks a header against the exact bytes received. Several `v1` entries are allowed (a sender
 * rotating secrets signs with both); one match is enough.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  payload: Buffer;
  header: string | undefined;
  now: Date;
  toleranceSeconds?: number;
}): SignatureVerdict {
  const { secret, payload, header, now } = input;
  if (header === undefined || header.trim() === '') return { valid: false, reason: 'missing' };
  if (header.length > MAX_HEADER_LENGTH) return { valid: false, reason: 'malformed' };

  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...extra] = part.trim().split('=');
    if (extra.length > 0 || value === undefined) return { valid: false, reason: 'malformed' };
    if (key === 't') {
      if (timestamp !== null || !TIMESTAMP.test(value))
        return { valid: false, reason: 'malformed' };
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return { valid: false, reason: 'malformed' };
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (a future v2) are skipped, as Stripe's clients do.
  }
  if (timestamp === null || signatures.length === 0) return { valid: false, reason: 'malformed' };

  const expected = digest(secret, timestamp, payload);
  if (!signatures.some((signature) => timingSafeEqual(signature, expected))) {
    return { valid: false, reason: 'mismatch' };
  }
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now.getTime() / 1000 - timestamp) > tolerance) {
    return { valid: false, reason: 'stale' };
  }
  return { valid: true, timestamp };
}
