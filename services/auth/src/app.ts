import { fileURLToPath } from 'node:url';
import { createDatabaseService, createGuards, createTokenVerifier, type App, type Pool } from '@clove/kit';
import { AccountService } from './account/account.service.js';
import type { AuthConfig } from './config.js';
import { IntrospectionClients, IntrospectionService } from './introspection/introspection.service.js';
import { SigningKeys } from './keys/signing-keys.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { LoginLimiter } from './sessions/login-limiter.js';
import { RevocationNotices } from './sessions/revocation-notices.js';
import { SessionService } from './sessions/session.service.js';
import { TokenIssuer } from './tokens/token-issuer.js';
import { makeDecoyHash } from './users/password.js';

const MIGRATIONS = new URL('../migrations', import.meta.url);
export const MIGRATIONS_DIR = fileURLToPath(MIGRATIONS);

export interface AuthApp {
  app: App;
  pool: Pool;
  keys: SigningKeys;
  accounts: AccountService;
  close: () => Promise<void>;
}

/** Migrates the auth schema, loads signing keys and builds the auth service (R1–R6). */
export async function buildApp(config: AuthConfig, options: { silent?: boolean } = {}): Promise<AuthApp> {
  const { app, pool, close } = await createDatabaseService(config, {
    name: 'auth',
    description: 'Accounts, sessions and tokens (R1–R6).',
    migrations: MIGRATIONS,
    silent: options.silent,
  });
  const keys = new SigningKeys(pool);
  await keys.load();

  const accounts = new AccountService(pool);
  if (config.CLOVE_ADMIN_EMAIL && config.CLOVE_ADMIN_PASSWORD) {
    await accounts.ensureAdmin(config.CLOVE_ADMIN_EMAIL, config.CLOVE_ADMIN_PASSWORD);
  }
  const verify = createTokenVerifier(keys.verificationKeys());
  const sessions = new SessionService(
    pool,
    new TokenIssuer(keys, config.ACCESS_TOKEN_TTL_SECONDS, config.REFRESH_TOKEN_TTL_SECONDS),
    new LoginLimiter(pool, {
      perEmail: config.LOGIN_MAX_PER_EMAIL,
      perIp: config.LOGIN_MAX_PER_IP,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
    }),
    await makeDecoyHash(),
  );

  const notices = new RevocationNotices();
  await notices.start(config.DATABASE_URL, (error) => app.log.warn({ err: error }, 'listening for ended sessions failed; reconnecting'));
  // Waiting reads are answered before the server drains; the connection goes with the pool.
  app.addHook('preClose', async () => notices.release());
  app.addHook('onClose', async () => notices.stop());

  registerAuthRoutes(app, {
    accounts,
    sessions,
    introspection: new IntrospectionService(pool, verify),
    introspectionClients: new IntrospectionClients(config.INTROSPECTION_CLIENTS),
    keys,
    guards: createGuards(verify),
    // A minute past the tokens' life: a service that missed a few reads still hears of it in time.
    revocationWindowSeconds: config.ACCESS_TOKEN_TTL_SECONDS + 60,
    notices,
  });
  await app.ready();
  return { app, pool, keys, accounts, close };
}
