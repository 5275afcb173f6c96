import { runService } from '@clove/kit';
import { buildApp } from './app.js';
import { loadPaymentsConfig } from './config.js';

const config = loadPaymentsConfig();
const { app, pool } = await buildApp(config);
await runService(app, { host: config.HOST, port: config.PORT, onClose: () => pool.end() });
