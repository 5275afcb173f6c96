import { federation } from '@module-federation/vite';
import { BUILD, FEDERATION_DEFAULTS, SHARED } from '../kit/src/federation';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The host. The gateway serves dist/ at /web/shell/ and answers every page URL with
// dist/index.html, so asset URLs are absolute under /web/shell/. Remotes are fetched from
// the same origin at run time; they need not exist when the shell is built.
export default defineConfig({
  base: '/web/shell/',
  plugins: [
    react(),
    federation({
      name: 'shell',
      remotes: {
        auth: {
          type: 'module',
          name: 'auth',
          entry: '/web/auth/remoteEntry.js',
          entryGlobalName: 'auth',
          shareScope: 'default',
        },
        ticketing: {
          type: 'module',
          name: 'ticketing',
          entry: '/web/ticketing/remoteEntry.js',
          entryGlobalName: 'ticketing',
          shareScope: 'default',
        },
      },
      shared: SHARED,
      // Load remotes when a page needs them, not at start-up: the shell must come up even
      // when a remote is down.
      ...FEDERATION_DEFAULTS,
    }),
  ],
  build: BUILD,
});
