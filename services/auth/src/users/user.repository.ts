import { conflict, type Queryable, type Role } from '@clove/kit';

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  password_hash: string;
}

export interface PublicUser {
  id: string;
  email: string;
  role: Role;
  name: string | null;
}

export const toPublicUser = (row: UserRow): PublicUser => ({
  id: row.id,
  email: row.email,
  role: row.role,
  name: row.name,
});

export async function insertUser(
  db: Queryable,
  user: { email: string; name: string | null; role: Role; passwordHash: string },
): Promise<UserRow> {
  // on conflict instead of catching the violation: the server would log the email otherwise.
  const { rows } = await db.query<UserRow>(
    `insert into users (email, name, role, password_hash) values ($1, $2, $3, $4)
     on conflict (lower(email)) where email is not null do nothing
     returning id, email, name, role, password_hash`,
    [user.email, user.name, user.role, user.passwordHash],
  );
  if (!rows[0]) throw conflict('An account with this email already exists.', 'EMAIL_TAKEN');
  return rows[0];
}

export async function findActiveUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select id, email, name, role, password_hash from users
     where lower(email) = lower($1) and deleted_at is null`,
    [email],
  );
  return rows[0] ?? null;
}

export async function findActiveUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select id, email, name, role, password_hash from users where id = $1 and deleted_at is null`,
    [id],
  );
  return rows[0] ?? null;
}

/** R4: erases the personal data and keeps the id as a tombstone. */
export async function eraseUser(db: Queryable, id: string): Promise<void> {
  await db.query(
    `update users set email = null, name = null, password_hash = null, deleted_at = now()
     where id = $1 and deleted_at is null`,
    [id],
  );
}
