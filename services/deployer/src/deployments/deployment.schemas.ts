import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const DEPLOYMENT_STATUSES = ['deploying', 'running', 'updating', 'failed', 'deleting', 'deleted'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
export const REVISION_STATUSES = ['deploying', 'active', 'failed', 'retired'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

const ValueName = Type.String({ maxLength: 41 });
const scalars = [Type.String({ maxLength: 4096 }), Type.Number(), Type.Boolean()];

/** Seller values: scalars only, so a value can never become a structure in a document. */
export const ValuesSchema = Type.Record(ValueName, Type.Union(scalars), { maxProperties: 50, description: 'Values of the template\'s parameters' });
export type Values = Static<typeof ValuesSchema>;

export const CreateDeploymentBody = Type.Object({
  templateId: Uuid,
  values: ValuesSchema,
}, { additionalProperties: false });

/** A change of values: those sent replace the current ones, `null` puts one back to its default. */
export const ValueChangesSchema = Type.Record(
  ValueName,
  Type.Union([...scalars, Type.Null()]),
  { maxProperties: 50, description: 'Values to change; the others stay as they are, `null` puts one back to its default. With `templateId`, the values start from the new template\'s defaults.' },
);
export type ValueChanges = Static<typeof ValueChangesSchema>;

export const UpdateDeploymentBody = Type.Object({
  values: ValueChangesSchema,
  templateId: Type.Optional(Type.String({ format: 'uuid', description: 'Re-combine: redeploy with another template (default: the template of the current revision, same template revision)' })),
}, { additionalProperties: false });

export const DeploymentParams = Type.Object({ id: Uuid });
export const DeleteQuery = Type.Object({
  force: Type.Optional(Type.Boolean({ description: 'Delete even with sold, unrefunded tickets' })),
}, { additionalProperties: false });

export const ProgressEntrySchema = Type.Object({
  step: Type.String(),
  state: Type.Union([Type.Literal('started'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('undone'), Type.Literal('undo-failed')]),
  at: DateTime,
  message: Type.Optional(Type.String()),
});
export type ProgressEntry = Static<typeof ProgressEntrySchema>;

export const RevisionSchema = Type.Object({
  number: Type.Integer(),
  status: Type.Enum(REVISION_STATUSES),
  reason: Nullable(Type.String()),
  values: Type.Record(Type.String(), Type.Unknown()),
  templateRevision: Type.Integer(),
  progress: Type.Array(ProgressEntrySchema),
  createdAt: DateTime,
  readyAt: Nullable(DateTime),
  retiredAt: Nullable(DateTime),
});

export const ReplicaSchema = Type.Object({
  name: Type.String(),
  node: Type.String(),
  state: Type.String(),
  ready: Type.Boolean(),
  restarts: Type.Integer(),
  startedAt: Nullable(Type.String()),
  message: Type.Optional(Type.String()),
});

export const ComponentSchema = Type.Object({
  name: Type.String(),
  revision: Nullable(Type.Integer()),
  workload: Type.String(),
  desiredReplicas: Type.Integer(),
  readyReplicas: Type.Integer(),
  replicas: Type.Array(ReplicaSchema),
});

export const MemberSchema = Type.Object({ userId: Uuid, email: Type.String(), addedAt: DateTime });
export type Member = Static<typeof MemberSchema>;

export const DeploymentSummarySchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  namespace: Type.String(),
  status: Type.Enum(DEPLOYMENT_STATUSES),
  reason: Nullable(Type.String()),
  ownerId: Uuid,
  templateId: Uuid,
  templateName: Type.String(),
  currentRevision: Nullable(Type.Integer()),
  url: Type.String({ description: 'Gateway path of the performance' }),
  access: Type.Union([Type.Literal('owner'), Type.Literal('member'), Type.Literal('admin')]),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type DeploymentSummary = Static<typeof DeploymentSummarySchema>;

export const DeploymentDetailSchema = Type.Object({
  ...DeploymentSummarySchema.properties,
  values: Type.Record(Type.String(), Type.Unknown()),
  revisions: Type.Array(RevisionSchema),
  components: Type.Array(ComponentSchema),
  members: Type.Array(MemberSchema),
});
export type DeploymentDetail = Static<typeof DeploymentDetailSchema>;

export const AcceptedSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  namespace: Type.String(),
  status: Type.Enum(DEPLOYMENT_STATUSES),
  revision: Type.Integer(),
});

export const MemberBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
}, { additionalProperties: false });

export const MemberRemoveBody = Type.Union([
  Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }),
  Type.Object({ userId: Uuid }, { additionalProperties: false }),
]);

export const AccessParams = Type.Object({ id: Uuid, userId: Uuid });
export const AccessSchema = Type.Object({
  access: Type.Union([Type.Literal('owner'), Type.Literal('member'), Type.Literal('none')]),
});
