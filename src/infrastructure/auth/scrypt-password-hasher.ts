import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../application/users/password-hasher';

/** scrypt's cost parameters: memory is 128 · N · r bytes. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommended minimum (2^17, 8, 1): 128 MiB and some 300 ms per hash on one core. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds on what a stored hash may ask for, so that a corrupted row cannot exhaust the process.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

interface ParsedHash extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

/**
 * Passwords hashed with scrypt (memory-hard) into `scrypt$N$r$p$<salt>$<hash>` (base64url), a
 * format that carries its own parameters so that older hashes still verify after costs rise.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT_PARAMS) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, KEY_BYTES, this.params);
    const { N, r, p } = this.params;
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, storedHash: string): Promise<boolean> {
    const parsed = parse(storedHash);
    if (parsed === null) return false;
    const key = await derive(password, parsed.salt, parsed.key.length, parsed);
    return timingSafeEqual(key, parsed.key);
  }

  needsRehash(storedHash: string): boolean {
    const parsed = parse(storedHash);
    return (
      parsed === null ||
      parsed.N < this.params.N ||
      parsed.r < this.params.r ||
      parsed.p < this.params.p
    );
  }
}

/** NFKC so that the same password typed on different keyboards and systems hashes the same. */
function derive(password: string, salt: Buffer, length: number, params: ScryptParams) {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function parse(stored: string): ParsedHash | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || salt === undefined || key === undefined) {
    return null;
  }
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const powerOfTwo = Number.isInteger(N) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0;
  const inRange = (v: number, max: number) => Number.isInteger(v) && v >= 1 && v <= max;
  if (!powerOfTwo || !inRange(R, MAX_R) || !inRange(P, MAX_P)) return null;
  const saltBytes = Buffer.from(salt, 'base64url');
  const keyBytes = Buffer.from(key, 'base64url');
  if (saltBytes.length < 8 || keyBytes.length < 16 || keyBytes.length > 128) return null;
  return { N, r: R, p: P, salt: saltBytes, key: keyBytes };
}
