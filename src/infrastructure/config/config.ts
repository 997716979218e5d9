import ms, { type StringValue } from 'ms';
import { z } from 'zod';

/** Everything the process can be told from outside; read once, in the composition root. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  eventStoreUrl: string | null;
  redisUrl: string | null;
  jwtSecret: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  paymentWebhookSecret: string | null;
  reservationTtlMs: number;
  cartTtlMs: number;
  logLevel: LogLevel;
  /** Browser origins allowed by CORS; empty means CORS stays closed. */
  corsOrigins: string[];
  /** `all` runs everything; `api` serves requests only; `worker` runs projectors and processes. */
  processRole: ProcessRole;
}

export const processRoles = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof processRoles)[number];

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .default(null);

const url = (protocols: readonly string[], example: string) =>
  optionalString.refine(
    (v) => v === null || protocols.some((p) => v.startsWith(`${p}://`)),
    `must be a URL like ${example}`,
  );

/** A bare number counts as milliseconds, as `ms` reads it; undefined when it is no duration. */
function parseDuration(text: string): number | undefined {
  try {
    return ms(text as StringValue);
  } catch {
    return undefined;
  }
}

const duration = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((v, ctx) => {
      const parsed = parseDuration(v);
      if (parsed === undefined || !Number.isFinite(parsed) || parsed <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration like 30s, 15m, 7d' });
        return z.NEVER;
      }
      return parsed;
    });

const schema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
    .default('4000')
    .transform(Number)
    .refine((port) => port <= 65535, 'must be a port number from 0 to 65535'),
  HOST: z.string().trim().min(1, 'must not be empty').default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./.data'),
  DATABASE_URL: url(['postgres', 'postgresql'], 'postgres://user:pass@host:5432/db'),
  EVENTSTORE_URL: url(['esdb', 'esdb+discover'], 'esdb://localhost:2113?tls=false'),
  REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
  JWT_SECRET: optionalString.refine(
    (v) => v === null || v.length >= 32,
    'must be at least 32 characters',
  ),
  ADMIN_EMAIL: optionalString.refine(
    (v) => v === null || z.string().email().safeParse(v).success,
    'must be an email address',
  ),
  ADMIN_PASSWORD: optionalString.refine(
    (v) => v === null || (v.length >= 10 && v.length <= 200),
    'must be 10 to 200 characters (as any password)',
  ),
  PAYMENT_WEBHOOK_SECRET: optionalString.refine(
    (v) => v === null || v.length >= 16,
    'must be at least 16 characters',
  ),
  RESERVATION_TTL: duration('15m'),
  CART_TTL: duration('7d'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .refine((origins) => origins.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), {
      message: 'must be a comma-separated list of origins like https://shop.example.com',
    }),
  PROCESS_ROLE: z
    .string()
    .trim()
    .toLowerCase()
    .default('all')
    .refine((v): v is ProcessRole => (processRoles as readonly string[]).includes(v), {
      message: `must be one of ${processRoles.join(', ')}`,
    }),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .default('info')
    .refine((v): v is LogLevel => (logLevels as readonly string[]).includes(v), {
      message: `must be one of ${logLevels.join(', ')}`,
    }),
});

/**
 * Validates the environment. Empty values count as unset.
 * @throws ConfigError with one line naming the first bad variable and what it expects
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const given = Object.fromEntries(
    Object.keys(schema.shape).map((name) => {
      const value = env[name];
      return [name, value === undefined || value.trim() === '' ? undefined : value];
    }),
  );
  const result = schema.safeParse(given);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const got = env[name];
    throw new ConfigError(
      `Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}${got === undefined ? '' : ` (got "${got}")`}`,
    );
  }
  const v = result.data;
  if ((v.ADMIN_EMAIL === null) !== (v.ADMIN_PASSWORD === null)) {
    throw new ConfigError(
      `Invalid configuration: ${v.ADMIN_EMAIL === null ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'} must be set together with ${v.ADMIN_EMAIL === null ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'}`,
    );
  }
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: v.DATA_DIR,
    databaseUrl: v.DATABASE_URL,
    eventStoreUrl: v.EVENTSTORE_URL,
    redisUrl: v.REDIS_URL,
    jwtSecret: v.JWT_SECRET,
    adminEmail: v.ADMIN_EMAIL,
    adminPassword: v.ADMIN_PASSWORD,
    paymentWebhookSecret: v.PAYMENT_WEBHOOK_SECRET,
    reservationTtlMs: v.RESERVATION_TTL,
    cartTtlMs: v.CART_TTL,
    logLevel: v.LOG_LEVEL,
    corsOrigins: v.CORS_ORIGINS,
    processRole: v.PROCESS_ROLE,
  };
}
