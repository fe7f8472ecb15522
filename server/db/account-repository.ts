/** All SQL about users and their sessions. */
import type Database from 'better-sqlite3';

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

const toUser = (row: UserRow): UserRecord => ({
  rowId: row.row_id,
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createAccountRepository(db: Database.Database) {
  const insertUser = db.prepare<[string, string, string, Role, string, string, string]>(
    'INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const userByEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const userById = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const userByRowId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE row_id = ?');
  const usersAfter = db.prepare<[string, number], UserRow>('SELECT * FROM users WHERE email > ? ORDER BY email LIMIT ?');
  const updateUser = db.prepare<[string, Role, number, string, string, number]>(
    'UPDATE users SET name = ?, role = ?, disabled = ?, password_hash = ?, updated_at = ? WHERE row_id = ?',
  );
  const insertSession = db.prepare<[string, number, string, string, string, string]>(
    'INSERT INTO sessions (id_hash, user_row_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const sessionByHash = db.prepare<[string], { id_hash: string; user_row_id: number; csrf_token: string; created_at: string; last_seen_at: string; expires_at: string }>(
    'SELECT * FROM sessions WHERE id_hash = ?',
  );
  const touchSession = db.prepare<[string, string]>('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
  const deleteSession = db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?');
  const deleteUserSessions = db.prepare<[number]>('DELETE FROM sessions WHERE user_row_id = ?');
  const deleteExpired = db.prepare<[string, string]>('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?');
  const countAdmins = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0");

  return {
    insertUser(u: { id: string; email: string; name: string; role: Role; passwordHash: string; now: string }): UserRecord {
      const { lastInsertRowid } = insertUser.run(u.id, u.email, u.name, u.role, u.passwordHash, u.now, u.now);
      return toUser(userByRowId.get(Number(lastInsertRowid))!);
    },
    findUserByEmail: (email: string) => {
      const row = userByEmail.get(email);
      return row && toUser(row);
    },
    findUserById: (id: string) => {
      const row = userById.get(id);
      return row && toUser(row);
    },
    findUserByRowId: (rowId: number) => {
      const row = userByRowId.get(rowId);
      return row && toUser(row);
    },
    /** By e-mail address, after `email` ('' for the first page). */
    listUsers: (after: string, limit: number) => usersAfter.all(after, limit).map(toUser),
    activeAdminCount: () => countAdmins.get()!.n,
    /** Saves a user; disabling one or changing its password ends its sessions in the same transaction. */
    updateUser: db.transaction((user: UserRecord, now: string, endSessions: boolean) => {
      updateUser.run(user.name, user.role, user.disabled ? 1 : 0, user.passwordHash, now, user.rowId);
      if (endSessions) deleteUserSessions.run(user.rowId);
      return toUser(userByRowId.get(user.rowId)!);
    }),
    insertSession: (s: SessionRecord) => void insertSession.run(s.idHash, s.userRowId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt),
    findSession(idHash: string): SessionRecord | undefined {
      const row = sessionByHash.get(idHash);
      return (
        row && { idHash: row.id_hash, userRowId: row.user_row_id, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }
      );
    },
    touchSession: (idHash: string, now: string) => void touchSession.run(now, idHash),
    deleteSession: (idHash: string) => void deleteSession.run(idHash),
    deleteExpiredSessions: (now: string, idleCutoff: string) => deleteExpired.run(now, idleCutoff).changes,
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
