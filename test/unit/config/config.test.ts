import { ConfigError, loadConfig } from '../../../src/infrastructure/config/config';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      dataDir: './.data',
      databaseUrl: null,
      eventStoreUrl: null,
      redisUrl: null,
      jwtSecret: null,
      paymentWebhookSecret: null,
      reservationTtlMs: 15 * 60_000,
      cartTtlMs: 7 * 24 * 3_600_000,
      logLevel: 'info',
    });
  });

  it('counts empty values as unset, for every variable', () => {
    const empty = Object.fromEntries(
      ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'RESERVATION_TTL', 'CART_TTL', 'LOG_LEVEL'].map(
        (name) => [name, ' '],
      ),
    );
    expect(loadConfig(empty)).toEqual(loadConfig({}));
  });

  it('reads durations with a unit, and a bare number as milliseconds', () => {
    expect(loadConfig({ RESERVATION_TTL: '4s', CART_TTL: '2h' })).toMatchObject({
      reservationTtlMs: 4_000,
      cartTtlMs: 7_200_000,
    });
    expect(loadConfig({ RESERVATION_TTL: '1500' }).reservationTtlMs).toBe(1_500);
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a port number from 0 to 65535'],
    ['PORT', '70000', 'PORT must be a port number from 0 to 65535'],
    ['PORT', '1e3', 'PORT must be a port number from 0 to 65535'],
    ['PORT', '0x10', 'PORT must be a port number from 0 to 65535'],
    ['RESERVATION_TTL', 'soon', 'RESERVATION_TTL must be a duration like 30s, 15m, 7d'],
    ['CART_TTL', '-5m', 'CART_TTL must be a duration like 30s, 15m, 7d'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a URL like postgres://'],
    ['JWT_SECRET', 'short', 'JWT_SECRET must be at least 32 characters'],
    ['ADMIN_PASSWORD', 'p'.repeat(201), 'ADMIN_PASSWORD must be 10 to 200 characters'],
  ])('refuses %s=%s in one line naming it', (name, value, message) => {
    const env = { [name]: value, ...(name === 'ADMIN_PASSWORD' ? { ADMIN_EMAIL: 'a@b.co' } : {}) };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.co' })).toThrow(
      'ADMIN_PASSWORD must be set together with ADMIN_EMAIL',
    );
  });
});
