import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeContract } from '../contract.js';
import { LocalDriver } from './local-driver.js';
import { MemoryRouteTable } from './route-table.client.js';

/** A tiny service as the local runtime runs it: listens where told, reports its port, answers /readyz. */
const server = (ready: boolean) => `
import { createServer } from 'node:http';
const server = createServer((request, response) => {
  if (request.url === '/readyz') { response.statusCode = ${ready ? 200 : 503}; response.end(); return; }
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ pid: process.pid, token: process.env.DEPLOYMENT_TOKEN ?? null }));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: server.address().port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
`;

runtimeContract('local', async () => {
  const root = await mkdtemp(join(tmpdir(), 'clove-local-runtime-'));
  for (const [name, ready] of [['contract-app', true], ['contract-never-ready', false]] as const) {
    await mkdir(join(root, 'services', name, 'dist'), { recursive: true });
    await writeFile(join(root, 'services', name, 'dist', 'server.js'), server(ready));
  }
  const driver = new LocalDriver({ servicesDir: join(root, 'services'), logDir: join(root, 'logs'), routes: new MemoryRouteTable() });
  return {
    driver,
    image: 'clove/contract-app:builtin',
    neverReadyImage: 'clove/contract-never-ready:builtin',
    port: 8080,
    node: driver.nodeName,
    dispose: async () => {
      await driver.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});
