import { runService } from '@clove/kit';
import { buildApp } from './app.js';
import { loadMonitorConfig } from './config.js';

const config = loadMonitorConfig();
const { app, pool } = await buildApp(config);
await runService(app, { host: config.HOST, port: config.PORT, onClose: () => pool.end() });
