import { createHmac } from 'node:crypto';
import {
  signWebhookPayload,
  verifyWebhookSignature,
} from '../../../src/infrastructure/payments/webhook-signature';

const SECRET = 'whsec_test_secret_0123456789';
const BODY = Buffer.from('{"id":"evt_1","type":"payment.succeeded"}');
const T = 1_900_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

const verify = (header: string | undefined, now = at(T), payload = BODY, secret = SECRET) =>
  verifyWebhookSignature({ secret, payload, header, now });

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 in the Stripe header format', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY.toString()}`).digest('hex');
    expect(signWebhookPayload(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`);
    expect(signWebhookPayload(SECRET, BODY.toString(), T)).toBe(`t=${T},v1=${expected}`);
  });

  it('accepts its own signature on the same bytes', () => {
    expect(verify(signWebhookPayload(SECRET, BODY, T))).toEqual({ valid: true, timestamp: T });
  });

  it('rejects a body changed by one byte', () => {
    const changed = Buffer.from(BODY);
    changed[changed.length - 2] = 0x78;
    expect(verify(signWebhookPayload(SECRET, BODY, T), at(T), changed)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('rejects a signature made with another secret', () => {
    expect(verify(signWebhookPayload('another secret', BODY, T))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('rejects a timestamp moved after signing', () => {
    const [, v1] = signWebhookPayload(SECRET, BODY, T).split(',');
    expect(verify(`t=${T + 1},${v1}`, at(T + 1))).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('accepts up to 5 minutes of age or clock skew, and rejects beyond', () => {
    const header = signWebhookPayload(SECRET, BODY, T);
    expect(verify(header, at(T + 300)).valid).toBe(true);
    expect(verify(header, at(T - 300)).valid).toBe(true);
    expect(verify(header, at(T + 301))).toEqual({ valid: false, reason: 'stale' });
    expect(verify(header, at(T - 301))).toEqual({ valid: false, reason: 'stale' });
  });

  it('accepts a header with several v1 signatures when one matches (secret rotation)', () => {
    const good = signWebhookPayload(SECRET, BODY, T).split(',')[1]!;
    const old = signWebhookPayload('old secret', BODY, T).split(',')[1]!;
    expect(verify(`t=${T},${old},${good}`).valid).toBe(true);
    expect(verify(`t=${T}, ${good}, v0=whatever`).valid).toBe(true);
  });

  it.each([undefined, '', '   '])('reports a missing header %p', (header) => {
    expect(verify(header)).toEqual({ valid: false, reason: 'missing' });
  });

  it.each([
    ['no timestamp', 'v1=' + 'a'.repeat(64)],
    ['no signature', `t=${T}`],
    ['a timestamp that is not a number', `t=soon,v1=${'a'.repeat(64)}`],
    ['two timestamps', `t=${T},t=${T},v1=${'a'.repeat(64)}`],
    ['a short signature', `t=${T},v1=abc`],
    ['a non-hex signature', `t=${T},v1=${'z'.repeat(64)}`],
    ['a part without =', `t=${T},v1`],
    ['an over-long header', `t=${T},v1=${'a'.repeat(64)},${'x=1,'.repeat(600)}`],
  ])('reports a malformed header: %s', (_, header) => {
    expect(verify(header)).toEqual({ valid: false, reason: 'malformed' });
  });
});
