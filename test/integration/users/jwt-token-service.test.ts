import { createHmac, randomUUID } from 'node:crypto';
import { JwtTokenService } from '../../../src/infrastructure/auth/jwt-token-service';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const HOUR = 60 * 60 * 1000;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token built by hand, for shapes the service itself would never issue. */
function handMade(header: object, payload: object, secret = SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('JwtTokenService', () => {
  let nowMs = Date.parse('2030-01-01T00:00:00Z');
  const tokens = new JwtTokenService({ secret: SECRET, now: () => new Date(nowMs) });
  const user = { userId: randomUUID(), role: 'CUSTOMER' as const };

  it('round-trips the user id and role', async () => {
    const token = await tokens.issue(user);
    await expect(tokens.verify(token)).resolves.toEqual(user);
    await expect(tokens.verify(await tokens.issue({ ...user, role: 'ADMIN' }))).resolves.toEqual({
      ...user,
      role: 'ADMIN',
    });
  });

  it('issues HS256 tokens with sub, role, issuer and a 24 hour expiry', async () => {
    const [header, payload] = (await tokens.issue(user)).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const iat = Math.floor(nowMs / 1000);
    expect(claims).toEqual({
      sub: user.userId,
      role: 'CUSTOMER',
      iss: 'chronocart',
      iat,
      exp: iat + 86400,
    });
  });

  it('rejects a token once it has expired, and honours a configured lifetime', async () => {
    const token = await tokens.issue(user);
    nowMs += 24 * HOUR - 1000;
    await expect(tokens.verify(token)).resolves.toEqual(user);
    nowMs += 1000;
    await expect(tokens.verify(token)).resolves.toBeNull();

    const short = new JwtTokenService({
      secret: SECRET,
      expiresInSeconds: 60,
      now: () => new Date(nowMs),
    });
    const shortToken = await short.issue(user);
    nowMs += 60_000;
    await expect(short.verify(shortToken)).resolves.toBeNull();
  });

  it('rejects a token whose payload was changed', async () => {
    const [header, , signature] = (await tokens.issue(user)).split('.');
    const iat = Math.floor(nowMs / 1000);
    const promoted = b64({
      sub: user.userId,
      role: 'ADMIN',
      iss: 'chronocart',
      iat,
      exp: iat + 60,
    });
    await expect(tokens.verify(`${header}.${promoted}.${signature}`)).resolves.toBeNull();
  });

  it('rejects a token whose signature was changed', async () => {
    const token = await tokens.issue(user);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    await expect(tokens.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`)).resolves.toBeNull();
  });

  it('rejects a token signed with another secret', async () => {
    const other = new JwtTokenService({ secret: 'x'.repeat(40), now: () => new Date(nowMs) });
    await expect(tokens.verify(await other.issue(user))).resolves.toBeNull();
  });

  it('rejects unsigned tokens and other algorithms', async () => {
    const iat = Math.floor(nowMs / 1000);
    const claims = { sub: user.userId, role: 'ADMIN', iss: 'chronocart', iat, exp: iat + 60 };
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    await expect(tokens.verify(unsigned)).resolves.toBeNull();
    const hs512Header = b64({ alg: 'HS512', typ: 'JWT' });
    const hs512Body = `${hs512Header}.${b64(claims)}`;
    const hs512 = `${hs512Body}.${createHmac('sha512', SECRET).update(hs512Body).digest('base64url')}`;
    await expect(tokens.verify(hs512)).resolves.toBeNull();
  });

  it('rejects validly signed tokens with the wrong issuer, no subject, no expiry or a strange role', async () => {
    const iat = Math.floor(nowMs / 1000);
    const good = { sub: user.userId, role: 'CUSTOMER', iss: 'chronocart', iat, exp: iat + 60 };
    const header = { alg: 'HS256', typ: 'JWT' };
    await expect(tokens.verify(handMade(header, good))).resolves.toEqual(user);
    const { sub: _s, ...noSubject } = good;
    const { exp: _e, ...noExpiry } = good;
    for (const claims of [
      { ...good, iss: 'someone-else' },
      noSubject,
      noExpiry,
      { ...good, role: 'ROOT' },
      { ...good, role: ['ADMIN'] },
    ]) {
      await expect(tokens.verify(handMade(header, claims))).resolves.toBeNull();
    }
  });

  it.each(['', 'garbage', 'a.b.c', 'Bearer x', '...'])('rejects the non-token %p', async (t) => {
    await expect(tokens.verify(t)).resolves.toBeNull();
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new JwtTokenService({ secret: 'short' })).toThrow(/32 characters/);
  });
});
