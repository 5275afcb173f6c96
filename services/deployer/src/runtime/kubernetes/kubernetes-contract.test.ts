import { runtimeContract } from '../contract.js';
import { startFakeApiServer } from './fake-api-server.js';
import { KubernetesDriver } from './kubernetes-driver.js';

runtimeContract('kubernetes', async () => {
  const server = await startFakeApiServer();
  const neverReadyImage = 'clove/crashing:builtin';
  server.setNeverReady((image) => image === neverReadyImage);
  const driver = new KubernetesDriver({ kubeConfig: server.kubeConfig, pollMs: 50 });
  return {
    driver,
    image: 'clove/ticketing:builtin',
    neverReadyImage,
    port: 4200,
    node: 'node-b',
    async dispose() {
      await driver.close();
      await server.close();
    },
  };
});
