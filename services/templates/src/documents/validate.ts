import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { FieldError } from '@clove/kit';
import type { KubeDocument } from '../templates/template.schemas.js';

interface SchemaIssue {
  instancePath?: string;
  message?: string;
}

/** Checks each rendered document against its Kubernetes schema; one error per broken document. */
export function documentErrors(documents: KubeDocument[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const [i, document] of documents.entries()) {
    const name = String((document.metadata as { name?: unknown } | undefined)?.name ?? i);
    try {
      switch (document.kind) {
        case 'Deployment':
          new Deployment(document as never).validate();
          break;
        case 'Service':
          new Service(document as never).validate();
          break;
        case 'HTTPRoute':
          new HTTPRoute(document as never).validate();
          break;
        default:
          throw new Error(`unknown kind ${String(document.kind)}`);
      }
    } catch (error) {
      const issues = (error as { errors?: SchemaIssue[] }).errors;
      const detail = issues?.length
        ? issues.map((issue) => `${issue.instancePath || '/'} ${issue.message ?? 'is invalid'}`).join('; ')
        : (error as Error).message;
      errors.push({ path: `/documents/${i}`, message: `${String(document.kind)} ${name}: ${detail}` });
    }
  }
  return errors;
}
