import { runService } from '@clove/kit';
import { buildApp } from './app.js';
import { loadGatewayConfig } from './config.js';

const config = loadGatewayConfig();
const gateway = await buildApp(config);
await gateway.admin.listen({ host: config.ADMIN_HOST, port: config.ADMIN_PORT });
await runService(gateway.app, {
  host: config.HOST,
  port: config.PORT,
  onClose: async () => {
    await gateway.admin.close();
  },
});
