import { runService } from '@clove/kit';
import { buildApp } from './app.js';
import { loadDeployerConfig } from './config.js';

const config = loadDeployerConfig();
const { app, pool } = await buildApp(config);
await runService(app, { host: config.HOST, port: config.PORT, onClose: () => pool.end() });
