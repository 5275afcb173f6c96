import {
  conflict,
  notAllowed,
  unauthenticated,
  withTransaction,
  type Pool,
  type Principal,
  type Role,
} from '@clove/kit';
import { isSessionActive } from '../sessions/session.service.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import {
  eraseUser,
  findActiveUserByEmail,
  findActiveUserById,
  insertUser,
  toPublicUser,
  type PublicUser,
} from '../users/user.repository.js';

/** R1, R4 and the admin bootstrap. */
export interface LookedUpUser {
  id: string;
  email: string | null;
  name: string | null;
  role: string;
  deleted: boolean;
}

export class AccountService {
  constructor(private readonly pool: Pool) {}

  /** Public sign-up; the route schema admits only seller and buyer. */
  async signUp(input: { email: string; password: string; role: 'seller' | 'buyer'; name?: string }): Promise<PublicUser> {
    return this.create({ ...input, name: input.name ?? null });
  }

  async me(principal: Principal): Promise<PublicUser> {
    const user = await findActiveUserById(this.pool, principal.userId);
    if (!user || !(await isSessionActive(this.pool, principal.sessionId, principal.userId))) {
      throw unauthenticated('The session has ended.', 'SESSION_REVOKED');
    }
    return toPublicUser(user);
  }

  /** R4: re-checks the password, erases personal data and revokes every session at once. */
  async delete(principal: Principal, password: string): Promise<void> {
    const user = await this.me(principal);
    const row = await findActiveUserById(this.pool, user.id);
    if (!row || !(await verifyPassword(row.password_hash, password))) {
      throw notAllowed('The password does not match; the account was not deleted.', 'PASSWORD_MISMATCH');
    }
    await withTransaction(this.pool, async (client) => {
      await eraseUser(client, user.id);
      await client.query(
        `update sessions set revoked_at = now(), revoked_reason = 'account deleted'
         where user_id = $1 and revoked_at is null`,
        [user.id],
      );
      await client.query(
        'delete from refresh_tokens where session_id in (select id from sessions where user_id = $1)',
        [user.id],
      );
    });
  }

  /**
   * Users by id, or active users by email (case-insensitive), for other services; a deleted user
   * is listed without email or name (R4).
   */
  async lookup(query: { ids?: string[]; emails?: string[] }): Promise<LookedUpUser[]> {
    const { rows } = await this.pool.query<LookedUpUser>(
      `select id, email, name, role, deleted_at is not null as deleted from users
        where id = any($1::uuid[]) or (deleted_at is null and lower(email) = any($2::text[]))
        order by id`,
      [query.ids ?? [], (query.emails ?? []).map((email) => email.toLowerCase())],
    );
    return rows;
  }

  /**
   * Creates the admin named by the environment or the bootstrap command, once. An existing
   * admin is left as it is; an existing non-admin account with that email is never promoted.
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'exists'> {
    const existing = await findActiveUserByEmail(this.pool, email);
    if (existing) {
      if (existing.role !== 'admin') {
        throw conflict(`The admin email belongs to a ${existing.role} account; choose another email.`, 'EMAIL_TAKEN');
      }
      return 'exists';
    }
    await this.create({ email, password, role: 'admin', name: 'Administrator' });
    return 'created';
  }

  private async create(input: { email: string; password: string; role: Role; name: string | null }): Promise<PublicUser> {
    const passwordHash = await hashPassword(input.password);
    const row = await insertUser(this.pool, { email: input.email, name: input.name, role: input.role, passwordHash });
    return toPublicUser(row);
  }
}
