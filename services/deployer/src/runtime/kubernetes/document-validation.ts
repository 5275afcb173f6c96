/** Offline schema validation of the documents the Kubernetes driver sends, with kubernetes-models. */
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';

interface Model {
  apiVersion?: string;
  validate(): void;
}

const MODELS: Record<string, new (data: never) => Model> = {
  Namespace,
  ServiceAccount,
  Role,
  RoleBinding,
  Secret,
  Deployment,
  Service,
  HTTPRoute,
};

/** Kinds `validateDocument` knows. */
export const VALIDATED_KINDS = Object.keys(MODELS);

/**
 * Throws when the document is not a valid Namespace, ServiceAccount, Role, RoleBinding, Secret, Deployment, Service
 * or HTTPRoute for its schema, or when its apiVersion is not the one of its kind.
 */
export function validateDocument(document: unknown): void {
  if (typeof document !== 'object' || document === null) throw new Error(`not a document: ${JSON.stringify(document)}`);
  const { kind, apiVersion } = document as { kind?: unknown; apiVersion?: unknown };
  const Model = typeof kind === 'string' ? MODELS[kind] : undefined;
  if (!Model) throw new Error(`no schema for kind ${String(kind)}`);
  const expected = new Model({} as never).apiVersion;
  if (apiVersion !== expected) throw new Error(`${String(kind)} must have apiVersion ${String(expected)}, not ${String(apiVersion)}`);
  new Model(structuredClone(document) as never).validate();
}
