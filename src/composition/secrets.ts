import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Config } from '../infrastructure/config/config';
import { type Logger } from '../infrastructure/logging/logger';

export interface Secrets {
  jwtSecret: string;
  paymentWebhookSecret: string;
}

const FILE = 'secrets.json';

/**
 * Secrets from the environment, or else generated once and kept in DATA_DIR so tokens and
 * webhooks stay valid across restarts. Several instances must share them: set them explicitly.
 */
export function resolveSecrets(config: Config, logger: Logger): Secrets {
  const file = path.join(path.resolve(config.dataDir), FILE);
  const stored = readStored(file);
  const generated: Partial<Secrets> = {};
  const generatedNames: string[] = [];
  const pick = (fromEnv: string | null, key: keyof Secrets, variable: string): string => {
    if (fromEnv) return fromEnv;
    const existing = stored[key];
    if (existing) return existing;
    const value = randomBytes(32).toString('base64url');
    generated[key] = value;
    generatedNames.push(variable);
    return value;
  };
  const secrets = {
    jwtSecret: pick(config.jwtSecret, 'jwtSecret', 'JWT_SECRET'),
    paymentWebhookSecret: pick(
      config.paymentWebhookSecret,
      'paymentWebhookSecret',
      'PAYMENT_WEBHOOK_SECRET',
    ),
  };
  if (Object.keys(generated).length > 0) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...stored, ...generated }, null, 2), { mode: 0o600 });
    for (const variable of generatedNames) {
      logger.warn(`${variable} is not set: generated one and kept it in ${file}`);
    }
  }
  return secrets;
}

function readStored(file: string): Partial<Secrets> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file} (the secrets kept under DATA_DIR) is not valid JSON: ${reason}`);
  }
}
