import { request } from './client';

export type DeploymentStatus = 'deploying' | 'running' | 'updating' | 'failed' | 'deleting' | 'deleted';
export type RevisionStatus = 'deploying' | 'active' | 'failed' | 'retired';
export type Access = 'owner' | 'member' | 'admin';
export type ProgressState = 'started' | 'done' | 'failed' | 'undone' | 'undo-failed';
/** A scalar value of a template parameter, as the deployer stores it. */
export type ParameterValue = string | number | boolean;
export type Values = Record<string, ParameterValue>;
/** PUT's values: those sent replace the current ones, null puts one back to its default. */
export type ValueChanges = Record<string, ParameterValue | null>;

/** GET /deploy/deployments: one row. */
export interface DeploymentSummary {
  id: string;
  slug: string;
  namespace: string;
  status: DeploymentStatus;
  reason: string | null;
  ownerId: string;
  templateId: string;
  templateName: string;
  currentRevision: number | null;
  url: string;
  access: Access;
  createdAt: string;
  updatedAt: string;
}

export interface ProgressEntry {
  step: string;
  state: ProgressState;
  at: string;
  message?: string;
}

export interface Revision {
  number: number;
  status: RevisionStatus;
  reason: string | null;
  values: Record<string, unknown>;
  templateRevision: number;
  progress: ProgressEntry[];
  createdAt: string;
  readyAt: string | null;
  retiredAt: string | null;
}

export interface Replica {
  name: string;
  node: string;
  state: string;
  ready: boolean;
  restarts: number;
  startedAt: string | null;
  message?: string;
}

export interface Component {
  name: string;
  revision: number | null;
  workload: string;
  desiredReplicas: number;
  readyReplicas: number;
  replicas: Replica[];
}

export interface Member {
  userId: string;
  email: string;
  addedAt: string;
}

/** GET /deploy/deployments/{id}: revisions come newest first. */
export interface DeploymentDetail extends DeploymentSummary {
  values: Record<string, unknown>;
  revisions: Revision[];
  components: Component[];
  members: Member[];
}

/** What POST, PUT and DELETE answer with 202: the work goes on in the background. */
export interface Accepted {
  id: string;
  slug: string;
  namespace: string;
  status: DeploymentStatus;
  revision: number;
}

/** Statuses the deployer moves out of by itself; the page watches them closely. */
export const TRANSIENT_STATUSES: ReadonlySet<DeploymentStatus> = new Set(['deploying', 'updating', 'deleting']);

const one = (id: string) => `/deploy/deployments/${encodeURIComponent(id)}`;

export function fetchDeployments(token: string, signal?: AbortSignal): Promise<DeploymentSummary[]> {
  return request<DeploymentSummary[]>('GET', '/deploy/deployments', { token, signal });
}

export function fetchDeployment(token: string, id: string, signal?: AbortSignal): Promise<DeploymentDetail> {
  return request<DeploymentDetail>('GET', one(id), { token, signal });
}

export function createDeployment(token: string, templateId: string, values: Values): Promise<Accepted> {
  return request<Accepted>('POST', '/deploy/deployments', { token, body: { templateId, values } });
}

export function updateDeployment(token: string, id: string, values: ValueChanges): Promise<Accepted> {
  return request<Accepted>('PUT', one(id), { token, body: { values } });
}

export function deleteDeployment(token: string, id: string, force: boolean): Promise<Accepted> {
  return request<Accepted>('DELETE', `${one(id)}${force ? '?force=true' : ''}`, { token });
}

export function addMember(token: string, id: string, email: string): Promise<Member[]> {
  return request<Member[]>('POST', `${one(id)}/members`, { token, body: { email } });
}

export function removeMember(token: string, id: string, userId: string): Promise<Member[]> {
  return request<Member[]>('DELETE', `${one(id)}/members`, { token, body: { userId } });
}
