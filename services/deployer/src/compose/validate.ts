import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { KubeDocument } from '../runtime/driver.js';

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment, Secret, Service, HTTPRoute,
};

/** Every composed document against its Kubernetes schema, before anything is applied; messages name the document. */
export function invalidDocuments(documents: KubeDocument[]): string[] {
  const problems: string[] = [];
  for (const document of documents) {
    const Model = MODELS[document.kind];
    try {
      if (!Model) throw new Error(`unknown kind ${document.kind}`);
      new Model(document as never).validate();
    } catch (error) {
      const issues = (error as { errors?: Array<{ instancePath?: string; message?: string }> }).errors;
      const detail = issues?.length ? issues.map((i) => `${i.instancePath || '/'} ${i.message ?? 'is invalid'}`).join('; ') : (error as Error).message;
      problems.push(`${document.kind} ${document.metadata?.name}: ${detail}`);
    }
  }
  return problems;
}
