import { runService } from '@clove/kit';
import { buildApp } from './app.js';
import { loadAuthConfig } from './config.js';

const config = loadAuthConfig();
const { app, pool } = await buildApp(config);
await runService(app, { host: config.HOST, port: config.PORT, onClose: () => pool.end() });
