import { federation } from '@module-federation/vite';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/** React is one copy for the shell and every remote. */
export const SHARED = {
  react: { singleton: true, requiredVersion: '^19.2.0' },
  'react-dom': { singleton: true, requiredVersion: '^19.2.0' },
};

/** Load a remote when a page needs it, not at start-up: the shell comes up even when a remote is down. */
export const FEDERATION_DEFAULTS = { shareStrategy: 'loaded-first', dts: false, manifest: false } as const;

export const BUILD = { target: 'es2022', outDir: 'dist', emptyOutDir: true } as const;

/**
 * The Vite configuration of a remote: the gateway serves its dist/ at /web/<name>/, and the
 * shell loads /web/<name>/remoteEntry.js at run time.
 */
export function remoteConfig(name: string, exposes: Record<string, string>): UserConfig {
  return {
    base: `/web/${name}/`,
    plugins: [react(), federation({ name, filename: 'remoteEntry.js', exposes, shared: SHARED, ...FEDERATION_DEFAULTS })],
    build: BUILD,
  };
}
