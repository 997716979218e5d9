import {
  DEFAULT_SCRYPT_PARAMS,
  ScryptPasswordHasher,
} from '../../../src/infrastructure/auth/scrypt-password-hasher';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

  it('hashes into a self-describing format that verifies only the right password', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    await expect(hasher.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', stored)).resolves.toBe(false);
    await expect(hasher.verify('', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hasher.hash('same password'), hasher.hash('same password')]);
    expect(a).not.toBe(b);
  });

  it('uses the default cost (OWASP: N=2^17, r=8, p=1) unless told', async () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await new ScryptPasswordHasher().hash('correct horse battery');
    expect(stored.startsWith('scrypt$131072$8$1$')).toBe(true);
  });

  it('verifies hashes made with other parameters, and says when they should be redone', async () => {
    const weak = await new ScryptPasswordHasher({ N: 2 ** 9, r: 8, p: 1 }).hash('old password');
    await expect(hasher.verify('old password', weak)).resolves.toBe(true);
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('new password'))).toBe(false);
  });

  it('treats the same password in different Unicode forms alike', async () => {
    const stored = await hasher.hash('caf\u00e9 au lait!');
    await expect(hasher.verify('cafe\u0301 au lait!', stored)).resolves.toBe(true);
  });

  it.each([
    '',
    'bcrypt$2b$10$abc',
    'scrypt$1024$8$1$onlysalt',
    'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$2097152$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$1024$999$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$1024$8$1$c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5',
  ])('does not verify against the malformed or unbounded stored value %p', async (stored) => {
    await expect(hasher.verify('any password', stored)).resolves.toBe(false);
    expect(hasher.needsRehash(stored)).toBe(true);
  });
});
