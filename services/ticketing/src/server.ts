import { runService } from '@clove/kit';
import { buildApp } from './app.js';
import { loadTicketingConfig } from './config.js';

const config = loadTicketingConfig();
const ticketing = await buildApp(config);
await runService(ticketing.app, {
  host: config.HOST,
  port: config.PORT,
  onClose: async () => {
    await ticketing.close();
  },
});
