import type { Role, UserRecord } from './user';

export interface NewUser {
  /** Already normalised (trimmed, lower-cased). */
  email: string;
  name: string | null;
  passwordHash: string;
  role: Role;
}

/** Where users are kept. Emails are unique; callers pass them normalised. */
export interface UserStore {
  findByEmail(email: string): Promise<UserRecord | null>;
  /** The users found, in any order; ids that are absent or not user ids are skipped. */
  findByIds(ids: readonly string[]): Promise<UserRecord[]>;
  /**
   * Adds the user, or returns null when the email is taken, including when a concurrent insert
   * took it first.
   */
  insert(user: NewUser): Promise<UserRecord | null>;
  /** Changes the role and/or the password hash of an existing user. */
  update(id: string, changes: { role?: Role; passwordHash?: string }): Promise<UserRecord>;
}
