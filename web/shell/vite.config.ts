import { federation } from '@module-federation/vite';
import { BUILD, FEDERATION_DEFAULTS, SHARED } from '../kit/src/federation';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The host. The gateway serves dist/ at /web/shell/ and answers every page URL with
// dist/index.html, so asset URLs are absolute under /web/shell/. Remotes are fetched from
// the same origin at run time; they need not exist when the shell is built.

/** A remote served by the gateway at /web/<name>/. */
const remote = (name: string) => ({
  type: 'module' as const,
  name,
  entry: `/web/${name}/remoteEntry.js`,
  entryGlobalName: name,
  shareScope: 'default',
});

export default defineConfig({
  base: '/web/shell/',
  plugins: [
    react(),
    federation({
      name: 'shell',
      remotes: {
        auth: remote('auth'),
        ticketing: remote('ticketing'),
        deploy: remote('deploy'),
        monitoring: remote('monitoring'),
        admin: remote('admin'),
      },
      shared: SHARED,
      // Load remotes when a page needs them, not at start-up: the shell must come up even
      // when a remote is down.
      ...FEDERATION_DEFAULTS,
    }),
  ],
  build: BUILD,
});
