import { randomUUID } from 'node:crypto';
import { AppError, type ErrorCode } from '../../../src/application/app-error';
import {
  LOGIN_THROTTLE_POLICIES,
  LoginThrottle,
} from '../../../src/application/users/login-throttle';
import { UserService } from '../../../src/application/users/user-service';
import { JwtTokenService } from '../../../src/infrastructure/auth/jwt-token-service';
import { PostgresUserStore } from '../../../src/infrastructure/auth/postgres-user-store';
import { ScryptPasswordHasher } from '../../../src/infrastructure/auth/scrypt-password-hasher';
import { createMemoryRateLimiter } from '../../../src/infrastructure/rate-limit/memory-rate-limiter';
import { createTestDatabase, type TestDatabase } from '../../support/database';

// Cheap parameters keep the suite fast; the default cost is covered by the hasher's own test.
const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe('UserService on PostgreSQL', () => {
  let db: TestDatabase;
  let tokens: JwtTokenService;
  let service: UserService;

  beforeAll(async () => {
    db = await createTestDatabase();
    tokens = new JwtTokenService({ secret: 'test-secret-'.padEnd(40, 'x') });
    service = newService();
  });
  afterAll(() => db.drop());

  /** A service with throttle counters of its own, so that tests do not spend each other's budget. */
  function newService(hasher = new ScryptPasswordHasher(FAST_SCRYPT)): UserService {
    return new UserService({
      users: new PostgresUserStore(db.pool),
      passwords: hasher,
      tokens,
      loginThrottle: new LoginThrottle({
        perEmail: createMemoryRateLimiter(LOGIN_THROTTLE_POLICIES.perEmail),
        perIp: createMemoryRateLimiter(LOGIN_THROTTLE_POLICIES.perIp),
      }),
    });
  }

  const email = () => `user-${randomUUID()}@example.com`;
  const ip = () => `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;

  interface UserRow {
    id: string;
    email: string;
    name: string | null;
    password_hash: string;
    role: string;
  }
  const allUsers = async () =>
    (
      await db.pool.query<UserRow>(
        'SELECT id, email, name, password_hash, role FROM users ORDER BY id',
      )
    ).rows;

  async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }

  describe('register', () => {
    it('creates a CUSTOMER, stores only a hash, and signs them in', async () => {
      const address = email();
      const { token, user } = await service.register({
        email: `  ${address.toUpperCase()} `,
        password: PASSWORD,
        name: '  Ada Lovelace ',
      });

      const { id, createdAt, ...rest } = user;
      expect(rest).toEqual({ email: address, name: 'Ada Lovelace', role: 'CUSTOMER' });
      expect(typeof id).toBe('string');
      expect(createdAt).toBeInstanceOf(Date);
      await expect(tokens.verify(token)).resolves.toEqual({ userId: user.id, role: 'CUSTOMER' });
      const row = (await allUsers()).find((r) => r.id === user.id);
      expect(row?.password_hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
      expect(row?.password_hash).not.toContain(PASSWORD);
    });

    it('stores a blank name as none', async () => {
      const { user } = await service.register({ email: email(), password: PASSWORD, name: '   ' });
      expect(user.name).toBeNull();
    });

    it.each([
      ['an email without @', { email: 'not-an-email' }, 'email'],
      ['an email without a domain dot', { email: 'ada@localhost' }, 'email'],
      ['an email with a space', { email: 'ada lovelace@example.com' }, 'email'],
      ['an empty email', { email: '' }, 'email'],
      ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'email'],
      ['a password of 9 characters', { password: '123456789' }, 'password'],
      ['a password of 201 characters', { password: 'p'.repeat(201) }, 'password'],
      ['a name of 101 characters', { name: 'n'.repeat(101) }, 'name'],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_, override, field) => {
      const before = await allUsers();
      const error = await expectAppError(
        service.register({ email: email(), password: PASSWORD, name: 'Ada', ...override }),
        'BAD_USER_INPUT',
      );
      expect(error.details).toMatchObject({ field });
      expect(await allUsers()).toEqual(before);
    });

    it('accepts passwords of exactly 10 and 200 characters, counted as a person would', async () => {
      await service.register({ email: email(), password: '0123456789', name: null });
      await service.register({ email: email(), password: 'p'.repeat(200) });
      await service.register({ email: email(), password: '🔑'.repeat(10) });
    });

    it('refuses a taken email, whatever its case, and writes nothing', async () => {
      const address = email();
      await service.register({ email: address, password: PASSWORD });
      const before = await allUsers();
      const error = await expectAppError(
        service.register({ email: address.toUpperCase(), password: 'another password' }),
        'CONFLICT',
      );
      expect(error.message).toBe('An account with this email already exists');
      expect(await allUsers()).toEqual(before);
    });

    it('of racing registrations for one email exactly one wins, the rest get the clear error', async () => {
      const address = email();
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => service.register({ email: address, password: PASSWORD })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect(r.reason).toBeInstanceOf(AppError);
        expect((r.reason as AppError).code).toBe('CONFLICT');
        expect((r.reason as AppError).message).toBe('An account with this email already exists');
      }
      expect((await allUsers()).filter((u) => u.email === address)).toHaveLength(1);
    });
  });

  describe('login', () => {
    it('signs in with the email in any case and spacing', async () => {
      const address = email();
      const { user } = await service.register({ email: address, password: PASSWORD });
      const payload = await service.login(` ${address.toUpperCase()}`, PASSWORD, ip());
      expect(payload.user).toEqual(user);
      await expect(service.verifyToken(payload.token)).resolves.toEqual({
        userId: user.id,
        role: 'CUSTOMER',
      });
    });

    it('a wrong password and an unknown email get the same answer, and nothing is written', async () => {
      const address = email();
      await service.register({ email: address, password: PASSWORD });
      const before = await allUsers();

      const wrong = await expectAppError(
        service.login(address, 'wrong password!', ip()),
        'UNAUTHENTICATED',
      );
      const unknown = await expectAppError(
        service.login(email(), PASSWORD, ip()),
        'UNAUTHENTICATED',
      );
      const absurd = await expectAppError(
        service.login('x'.repeat(10_000), 'y'.repeat(10_000), ip()),
        'UNAUTHENTICATED',
      );
      for (const error of [wrong, unknown, absurd]) {
        expect(error.message).toBe('Invalid email or password');
        expect(error.details).toBeUndefined();
      }
      expect(await allUsers()).toEqual(before);
    });

    it('upgrades a hash made with weaker parameters on a successful login', async () => {
      const address = email();
      const weak = newService(new ScryptPasswordHasher({ N: 2 ** 9, r: 8, p: 1 }));
      const { user } = await weak.register({ email: address, password: PASSWORD });
      await service.login(address, PASSWORD, ip());
      const row = (await allUsers()).find((r) => r.id === user.id);
      expect(row?.password_hash).toMatch(/^scrypt\$1024\$/);
      await expect(service.login(address, PASSWORD, ip())).resolves.toBeDefined();
    });
  });

  describe('login throttling', () => {
    it('after 10 failures for one email, even the right password is refused for a while', async () => {
      const s = newService();
      const address = email();
      await s.register({ email: address, password: PASSWORD });
      for (let i = 0; i < 10; i++) {
        await expectAppError(s.login(address, `wrong ${i} password`, ip()), 'UNAUTHENTICATED');
      }
      const error = await expectAppError(s.login(address, PASSWORD, ip()), 'RATE_LIMITED');
      expect(Object.keys(error.details ?? {})).toEqual(['retryAfterSeconds']);
      const retryAfter = error.details?.['retryAfterSeconds'] as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      // Other accounts are not affected.
      const other = email();
      await s.register({ email: other, password: PASSWORD });
      await expect(s.login(other, PASSWORD, ip())).resolves.toBeDefined();
    });

    it('a successful login clears the count for the email', async () => {
      const s = newService();
      const address = email();
      await s.register({ email: address, password: PASSWORD });
      for (let i = 0; i < 9; i++) {
        await expectAppError(s.login(address, 'wrong password', ip()), 'UNAUTHENTICATED');
      }
      await s.login(address, PASSWORD, ip());
      for (let i = 0; i < 9; i++) {
        await expectAppError(s.login(address, 'wrong password', ip()), 'UNAUTHENTICATED');
      }
      await expect(s.login(address, PASSWORD, ip())).resolves.toBeDefined();
    });

    it('after 50 failures from one address, that address is refused for every account', async () => {
      const s = newService();
      const attacker = '203.0.113.7';
      const victim = email();
      await s.register({ email: victim, password: PASSWORD });
      for (let i = 0; i < 50; i++) {
        await expectAppError(s.login(email(), 'guessed password', attacker), 'UNAUTHENTICATED');
      }
      await expectAppError(s.login(victim, PASSWORD, attacker), 'RATE_LIMITED');
      await expectAppError(s.login(email(), 'guessed password', attacker), 'RATE_LIMITED');
      // The account itself is fine from elsewhere.
      await expect(s.login(victim, PASSWORD, '198.51.100.1')).resolves.toBeDefined();
    });

    it('successful logins do not count against the address', async () => {
      const s = newService();
      const office = '192.0.2.10';
      const address = email();
      await s.register({ email: address, password: PASSWORD });
      for (let i = 0; i < 60; i++) await s.login(address, PASSWORD, office);
      await expect(s.login(address, PASSWORD, office)).resolves.toBeDefined();
    });
  });

  describe('usersByIds', () => {
    it('returns the users found and skips unknown, malformed and repeated ids', async () => {
      const a = (await service.register({ email: email(), password: PASSWORD })).user;
      const b = (await service.register({ email: email(), password: PASSWORD, name: 'B' })).user;
      const found = await service.usersByIds([a.id, randomUUID(), 'not-a-uuid', b.id, a.id]);
      expect(found.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
        [a, b].sort((x, y) => x.id.localeCompare(y.id)),
      );
      await expect(service.usersByIds([])).resolves.toEqual([]);
    });
  });

  describe('ensureAdmin', () => {
    it('creates the admin once; running it again changes nothing', async () => {
      const address = email();
      const admin = await service.ensureAdmin(address, PASSWORD);
      expect(admin).toMatchObject({ email: address, role: 'ADMIN' });
      const before = await allUsers();

      await expect(service.ensureAdmin(address.toUpperCase(), PASSWORD)).resolves.toEqual(admin);
      expect(await allUsers()).toEqual(before);

      const { user, token } = await service.login(address, PASSWORD, ip());
      expect(user.role).toBe('ADMIN');
      await expect(service.verifyToken(token)).resolves.toEqual({
        userId: admin.id,
        role: 'ADMIN',
      });
    });

    it('promotes an existing customer and sets the configured password', async () => {
      const address = email();
      const { user } = await service.register({ email: address, password: PASSWORD });
      const admin = await service.ensureAdmin(address, 'the admin password');
      expect(admin).toEqual({ ...user, role: 'ADMIN' });
      await expectAppError(service.login(address, PASSWORD, ip()), 'UNAUTHENTICATED');
      await expect(service.login(address, 'the admin password', ip())).resolves.toMatchObject({
        user: { id: user.id, role: 'ADMIN' },
      });
    });

    it('processes starting together end with one admin', async () => {
      const address = email();
      const admins = await Promise.all(
        Array.from({ length: 4 }, () => newService().ensureAdmin(address, PASSWORD)),
      );
      expect(new Set(admins.map((a) => a.id)).size).toBe(1);
      expect((await allUsers()).filter((u) => u.email === address)).toEqual([
        expect.objectContaining({ role: 'ADMIN' }),
      ]);
    });

    it('refuses an invalid email or a short password', async () => {
      await expectAppError(service.ensureAdmin('admin', PASSWORD), 'BAD_USER_INPUT');
      await expectAppError(service.ensureAdmin(email(), 'short'), 'BAD_USER_INPUT');
    });
  });
});
