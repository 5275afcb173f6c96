import { fileURLToPath } from 'node:url';
import {
  createApp,
  createGuards,
  createPool,
  createTokenVerifier,
  migrate,
  parseTrustProxy,
  pingDatabase,
  type App,
  type Pool,
} from '@clove/kit';
import { AccountService } from './account/account.service.js';
import type { AuthConfig } from './config.js';
import { IntrospectionClients, IntrospectionService } from './introspection/introspection.service.js';
import { SigningKeys } from './keys/signing-keys.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { LoginLimiter } from './sessions/login-limiter.js';
import { SessionService } from './sessions/session.service.js';
import { TokenIssuer } from './tokens/token-issuer.js';
import { makeDecoyHash } from './users/password.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface AuthApp {
  app: App;
  pool: Pool;
  keys: SigningKeys;
  accounts: AccountService;
  close: () => Promise<void>;
}

/** Migrates the auth schema, loads signing keys and builds the auth service (R1–R6). */
export async function buildApp(config: AuthConfig, options: { silent?: boolean } = {}): Promise<AuthApp> {
  await migrate({ databaseUrl: config.DATABASE_URL, schema: config.DB_SCHEMA, dir: MIGRATIONS_DIR });
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: config.DB_SCHEMA, applicationName: 'clove-auth' });
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
    new LoginLimiter({
      perEmail: config.LOGIN_MAX_PER_EMAIL,
      perIp: config.LOGIN_MAX_PER_IP,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
    }),
    await makeDecoyHash(),
  );

  const app = await createApp({
    name: 'auth',
    description: 'Accounts, sessions and tokens (R1–R6).',
    logLevel: config.LOG_LEVEL,
    publicPrefix: config.PUBLIC_PREFIX,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    silent: options.silent,
    ready: () => pingDatabase(pool),
  });
  registerAuthRoutes(app, {
    accounts,
    sessions,
    introspection: new IntrospectionService(pool, verify),
    introspectionClients: new IntrospectionClients(config.INTROSPECTION_CLIENTS),
    keys,
    guards: createGuards(verify),
  });
  await app.ready();
  return { app, pool, keys, accounts, close: async () => { await app.close(); await pool.end(); } };
}
