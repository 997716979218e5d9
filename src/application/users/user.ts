export type Role = 'CUSTOMER' | 'ADMIN';

/** A user as the rest of the application may see it: never with the password hash. */
export interface User {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
}

/** A user as stored, hash included; stays inside the users module. */
export interface UserRecord extends User {
  passwordHash: string;
}

/** What a valid token says about its bearer. */
export interface AuthenticatedUser {
  userId: string;
  role: Role;
}

export interface AuthPayload {
  token: string;
  user: User;
}

export function toUser({ passwordHash: _hash, ...user }: UserRecord): User {
  return user;
}
