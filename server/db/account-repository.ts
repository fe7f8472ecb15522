/**
 * All SQL about users and their sessions. Sessions are rows, not process
 * memory: every app instance on the database sees a login, a logout and a
 * disabled user at once (issue 21).
 */
import type { SqlQueries } from './sql-client.ts';

export type Role = 'admin' | 'staff' | 'scout';

export interface UserRecord {
  rowId: number;
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

interface UserRow {
  row_id: number;
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionRecord {
  idHash: string;
  userRowId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

interface SessionRow {
  id_hash: string;
  user_row_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

const toUser = (row: UserRow): UserRecord => ({
  rowId: Number(row.row_id),
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toSession = (row: SessionRow): SessionRecord => ({
  idHash: row.id_hash,
  userRowId: Number(row.user_row_id),
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
});

const USER_COLUMNS = 'row_id, id, email, name, role, password_hash, disabled, created_at, updated_at';

export function createAccountRepository(sql: SqlQueries) {
  const userWhere = async (condition: string, value: string | number) => {
    const row = await sql.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE ${condition}`, [value]);
    return row && toUser(row);
  };

  return {
    async insertUser(u: { id: string; email: string; name: string; role: Role; passwordHash: string; now: string }): Promise<UserRecord> {
      const row = await sql.get<UserRow>(
        `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${USER_COLUMNS}`,
        [u.id, u.email, u.name, u.role, u.passwordHash, u.now, u.now],
      );
      return toUser(row!);
    },
    /** Ignores case (the column's collation on both engines). */
    findUserByEmail: (email: string) => userWhere('email = ?', email),
    findUserById: (id: string) => userWhere('id = ?', id),
    findUserByRowId: (rowId: number) => userWhere('row_id = ?', rowId),
    /** By e-mail address, after `email` ('' for the first page). */
    async listUsers(after: string, limit: number): Promise<UserRecord[]> {
      const rows = await sql.all<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email > ? ORDER BY email LIMIT ?`, [after, limit]);
      return rows.map(toUser);
    },
    async activeAdminCount(): Promise<number> {
      const row = await sql.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0");
      return Number(row!.n);
    },
    /** Saves a user; disabling one or changing its password ends its sessions in the same transaction. */
    updateUser(user: UserRecord, now: string, endSessions: boolean): Promise<UserRecord> {
      return sql.transaction(async (tx) => {
        const row = await tx.get<UserRow>(
          `UPDATE users SET name = ?, role = ?, disabled = ?, password_hash = ?, updated_at = ? WHERE row_id = ? RETURNING ${USER_COLUMNS}`,
          [user.name, user.role, user.disabled ? 1 : 0, user.passwordHash, now, user.rowId],
        );
        if (endSessions) await tx.run('DELETE FROM sessions WHERE user_row_id = ?', [user.rowId]);
        return toUser(row!);
      });
    },
    async insertSession(s: SessionRecord): Promise<void> {
      await sql.run('INSERT INTO sessions (id_hash, user_row_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        s.idHash,
        s.userRowId,
        s.csrfToken,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
      ]);
    },
    async findSession(idHash: string): Promise<SessionRecord | undefined> {
      const row = await sql.get<SessionRow>('SELECT id_hash, user_row_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = ?', [idHash]);
      return row && toSession(row);
    },
    /** The session and its user in one round trip: what every request with a cookie asks. */
    async findSessionWithUser(idHash: string): Promise<{ session: SessionRecord; user: UserRecord | undefined } | undefined> {
      const row = await sql.get<SessionRow & { [K in keyof UserRow as `u_${K}`]: UserRow[K] | null }>(
        `SELECT s.id_hash, s.user_row_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
                u.row_id AS u_row_id, u.id AS u_id, u.email AS u_email, u.name AS u_name, u.role AS u_role, u.password_hash AS u_password_hash,
                u.disabled AS u_disabled, u.created_at AS u_created_at, u.updated_at AS u_updated_at
         FROM sessions s LEFT JOIN users u ON u.row_id = s.user_row_id WHERE s.id_hash = ?`,
        [idHash],
      );
      if (!row) return undefined;
      const user =
        row.u_row_id === null
          ? undefined
          : toUser({
              row_id: row.u_row_id,
              id: row.u_id!,
              email: row.u_email!,
              name: row.u_name!,
              role: row.u_role!,
              password_hash: row.u_password_hash!,
              disabled: row.u_disabled!,
              created_at: row.u_created_at!,
              updated_at: row.u_updated_at!,
            });
      return { session: toSession(row), user };
    },
    async touchSession(idHash: string, now: string): Promise<void> {
      await sql.run('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', [now, idHash]);
    },
    async deleteSession(idHash: string): Promise<void> {
      await sql.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
    },
    async deleteExpiredSessions(now: string, idleCutoff: string): Promise<number> {
      return (await sql.run('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?', [now, idleCutoff])).changes;
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
