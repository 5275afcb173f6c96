import { remoteConfig } from '../kit/src/federation';
import { defineConfig } from 'vite';

// The admin micro-frontend: the pool of microservice images and the templates.
export default defineConfig(remoteConfig('admin', {
  './PoolPage': './src/pool/PoolPage.tsx',
  './TemplatesPage': './src/templates/TemplatesPage.tsx',
  './TemplateEditorPage': './src/templates/TemplateEditorPage.tsx',
}));
