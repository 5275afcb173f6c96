import { createHash } from 'node:crypto';
import { memoryBytes } from '@clove/kit';
import { RuntimeError, type KubeDocument } from '../driver.js';
import { entryOfImage } from './images.js';

interface Container {
  name: string;
  image: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  envFrom?: Array<{ secretRef?: { name: string; optional?: boolean }; prefix?: string }>;
  resources?: { limits?: { memory?: string } };
  readinessProbe?: { httpGet?: { path?: string } };
}

interface DeploymentShape {
  metadata: { name: string };
  spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Container[] } } };
}

export interface RecipeContext {
  servicesDir: string;
  secrets: ReadonlyMap<string, Record<string, string>>;
  baseEnv: Record<string, string>;
}

/**
 * How the local runtime runs a Deployment's pod: its one container's image as a built-in
 * service, with the environment Kubernetes would give it (envFrom Secrets, then env), on a
 * loopback port of its own choosing, with a heap limit from its memory limit.
 */
export function podRecipe(document: KubeDocument, context: RecipeContext) {
  const deployment = document as unknown as DeploymentShape;
  const name = deployment.metadata.name;
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  if (containers.length !== 1) {
    throw new RuntimeError(`Deployment ${name}: the local runtime runs pods of exactly one container (this one has ${containers.length}).`, 'UNSUPPORTED');
  }
  const container = containers[0]!;
  const env: Record<string, string> = { ...context.baseEnv };
  for (const source of container.envFrom ?? []) {
    if (!source.secretRef) continue;
    const secret = context.secrets.get(source.secretRef.name);
    if (!secret) {
      if (source.secretRef.optional) continue;
      throw new RuntimeError(`Deployment ${name}: no Secret ${source.secretRef.name} in the namespace.`, 'REJECTED');
    }
    for (const [key, value] of Object.entries(secret)) env[`${source.prefix ?? ''}${key}`] = value;
  }
  for (const variable of container.env ?? []) {
    if (variable.valueFrom !== undefined) {
      throw new RuntimeError(`Deployment ${name}: env ${variable.name} uses valueFrom, which the local runtime does not resolve.`, 'UNSUPPORTED');
    }
    env[variable.name] = expandReferences(variable.value ?? '', env);
  }
  // Replicas share this machine: each listens on a loopback port it is given by the system.
  env.HOST = '127.0.0.1';
  env.PORT = '0';

  const limit = container.resources?.limits?.memory;
  const limitBytes = limit ? memoryBytes(limit) : null;
  // The heap gets three quarters of the memory limit; the rest is for buffers and code.
  const execArgv = limitBytes ? [`--max-old-space-size=${Math.max(64, Number((limitBytes * 3n) / 4n / 1_048_576n))}`] : [];
  const entry = entryOfImage(container.image, context.servicesDir);
  const labels = { ...(deployment.spec?.template?.metadata?.labels ?? {}) };
  const readyPath = container.readinessProbe?.httpGet?.path ?? '/readyz';
  const fingerprint = createHash('sha256').update(JSON.stringify({ entry, env, execArgv, labels, readyPath })).digest('hex');
  return { entry, env, execArgv, readyPath, labels, fingerprint };
}

/**
 * Kubernetes' dependent environment variables: `$(NAME)` becomes the value of a variable
 * defined before it, `$$` a literal `$`; an unknown reference stays as written.
 */
export function expandReferences(value: string, defined: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (whole === '$$') return '$';
    return name !== undefined && Object.hasOwn(defined, name) ? defined[name]! : whole;
  });
}
