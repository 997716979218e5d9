import type pg from 'pg';
import type { Role, UserRecord } from '../../application/users/user';
import type { NewUser, UserStore } from '../../application/users/user-store';

interface UserRow {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  role: string;
  created_at: Date;
}

const COLUMNS = 'id, email, name, password_hash, role, created_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Users in the `users` table (migrations/0010_users.sql). */
export class PostgresUserStore implements UserStore {
  constructor(private readonly pool: pg.Pool) {}

  async findByEmail(email: string): Promise<UserRecord | null> {
    const { rows } = await this.pool.query<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE email = $1`,
      [email],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    // A string that is not a uuid cannot name a user, and would make the uuid[] cast fail.
    const candidates = ids.filter((id) => UUID.test(id));
    if (candidates.length === 0) return [];
    const { rows } = await this.pool.query<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[])`,
      [candidates],
    );
    return rows.map(toRecord);
  }

  async insert(user: NewUser): Promise<UserRecord | null> {
    const { rows } = await this.pool.query<UserRow>(
      `INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING
       RETURNING ${COLUMNS}`,
      [user.email, user.name, user.passwordHash, user.role],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(id: string, changes: { role?: Role; passwordHash?: string }): Promise<UserRecord> {
    const { rows } = await this.pool.query<UserRow>(
      `UPDATE users SET role = COALESCE($2, role), password_hash = COALESCE($3, password_hash)
       WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, changes.role ?? null, changes.passwordHash ?? null],
    );
    if (!rows[0]) throw new Error(`user ${id} does not exist`);
    return toRecord(rows[0]);
  }
}

function toRecord(row: UserRow): UserRecord {
  if (row.role !== 'CUSTOMER' && row.role !== 'ADMIN') {
    throw new Error(`user ${row.id} has an unknown role ${row.role}`);
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}
