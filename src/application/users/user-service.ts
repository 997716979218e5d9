import { randomBytes } from 'node:crypto';
import { AppError } from '../app-error';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { TokenService } from './token-service';
import {
  toUser,
  type AuthenticatedUser,
  type AuthPayload,
  type User,
  type UserRecord,
} from './user';
import {
  EMAIL_MAX_LENGTH,
  normalizeEmail,
  PASSWORD_MAX_LENGTH,
  validEmail,
  validName,
  validPassword,
} from './user-input';
import type { UserStore } from './user-store';

export interface RegisterInput {
  email: string;
  password: string;
  name?: string | null;
}

export interface UserServiceDeps {
  users: UserStore;
  passwords: PasswordHasher;
  tokens: TokenService;
  loginThrottle: LoginThrottle;
}

const EMAIL_TAKEN = 'An account with this email already exists';
const BAD_CREDENTIALS = 'Invalid email or password';

/** Accounts, sign-in and the bootstrap admin. */
export class UserService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: UserServiceDeps) {}

  /** Creates a CUSTOMER and signs them in. BAD_USER_INPUT for invalid input, CONFLICT for a taken email. */
  async register(input: RegisterInput): Promise<AuthPayload> {
    const email = validEmail(input.email);
    const password = validPassword(input.password);
    const name = validName(input.name);
    if ((await this.deps.users.findByEmail(email)) !== null) {
      throw new AppError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
    }
    const passwordHash = await this.deps.passwords.hash(password);
    // The unique constraint settles a race between two registrations the lookup above let through.
    const created = await this.deps.users.insert({ email, name, passwordHash, role: 'CUSTOMER' });
    if (created === null) throw new AppError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
    return this.signedIn(created);
  }

  /**
   * UNAUTHENTICATED with one message whether the email is unknown or the password wrong, after
   * the same amount of hashing work, so that neither answer nor timing tells which.
   * RATE_LIMITED after too many failures for the email or from the address.
   */
  async login(email: string, password: string, ip: string): Promise<AuthPayload> {
    const normalized = normalizeEmail(email).slice(0, EMAIL_MAX_LENGTH + 1);
    await this.deps.loginThrottle.assertAllowed(normalized, ip);
    const user = await this.authenticate(normalized, password);
    if (user === null) {
      await this.deps.loginThrottle.recordFailure(normalized, ip);
      throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    await this.deps.loginThrottle.recordSuccess(normalized);
    return this.signedIn(await this.upgradeHash(user, password));
  }

  /** The caller a token stands for; null when it is invalid or expired. */
  verifyToken(token: string): Promise<AuthenticatedUser | null> {
    return this.deps.tokens.verify(token);
  }

  /** The users found, in any order; unknown ids are simply missing. */
  async usersByIds(ids: readonly string[]): Promise<User[]> {
    const records = await this.deps.users.findByIds([...new Set(ids)]);
    return records.map(toUser);
  }

  /**
   * Makes sure an ADMIN with this email signs in with this password: creates the account, or
   * promotes it and resets its password. Run at every start; changes nothing when all is so.
   */
  async ensureAdmin(email: string, password: string): Promise<User> {
    const normalized = validEmail(email);
    validPassword(password);
    for (let attempt = 0; ; attempt++) {
      const existing = await this.deps.users.findByEmail(normalized);
      if (existing !== null) return toUser(await this.makeAdmin(existing, password));
      const created = await this.deps.users.insert({
        email: normalized,
        name: null,
        passwordHash: await this.deps.passwords.hash(password),
        role: 'ADMIN',
      });
      if (created !== null) return toUser(created);
      // Another process created the account between our lookup and insert; look again, once.
      if (attempt > 0) throw new Error(`could not create or find the admin ${normalized}`);
    }
  }

  private async makeAdmin(user: UserRecord, password: string): Promise<UserRecord> {
    const passwordOk = await this.deps.passwords.verify(password, user.passwordHash);
    const current = passwordOk && !this.deps.passwords.needsRehash(user.passwordHash);
    if (user.role === 'ADMIN' && current) return user;
    return this.deps.users.update(user.id, {
      role: 'ADMIN',
      ...(current ? {} : { passwordHash: await this.deps.passwords.hash(password) }),
    });
  }

  private async authenticate(email: string, password: string): Promise<UserRecord | null> {
    const tooLong = email.length > EMAIL_MAX_LENGTH || password.length > PASSWORD_MAX_LENGTH * 2;
    const user = tooLong ? null : await this.deps.users.findByEmail(email);
    if (user === null) {
      await this.deps.passwords.verify(password.slice(0, PASSWORD_MAX_LENGTH), await this.dummy());
      return null;
    }
    return (await this.deps.passwords.verify(password, user.passwordHash)) ? user : null;
  }

  /** Hashes made with weaker parameters are replaced while the password is at hand. */
  private async upgradeHash(user: UserRecord, password: string): Promise<UserRecord> {
    if (!this.deps.passwords.needsRehash(user.passwordHash)) return user;
    return this.deps.users.update(user.id, {
      passwordHash: await this.deps.passwords.hash(password),
    });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.deps.passwords.hash(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }

  private async signedIn(user: UserRecord): Promise<AuthPayload> {
    const token = await this.deps.tokens.issue({ userId: user.id, role: user.role });
    return { token, user: toUser(user) };
  }
}
