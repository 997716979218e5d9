/** One-way password hashing. Hashes describe their own parameters, so costs can rise over time. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a stored value that is not a hash this hasher knows. */
  verify(password: string, storedHash: string): Promise<boolean>;
  /** True when the stored hash was made with weaker parameters than new hashes get. */
  needsRehash(storedHash: string): boolean;
}
