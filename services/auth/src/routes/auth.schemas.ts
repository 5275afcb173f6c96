import { Type, type Static } from 'typebox';
import { Line, RoleSchema } from '@clove/kit';

export const EmailSchema = Type.String({ format: 'email', maxLength: 254, description: 'Email address' });
export const PasswordSchema = Type.String({ minLength: 10, maxLength: 256, description: 'At least 10 characters' });
const RefreshTokenSchema = Type.String({ minLength: 20, maxLength: 512 });

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  role: RoleSchema,
  name: Type.Union([Type.String(), Type.Null()]),
});

export const SignUpBody = Type.Object(
  {
    email: EmailSchema,
    password: PasswordSchema,
    role: Type.Enum(['seller', 'buyer'], { description: 'seller or buyer; admins are never created by sign-up' }),
    name: Type.Optional(Line({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBody>;

export const LoginBody = Type.Object(
  { email: EmailSchema, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export const RefreshBody = Type.Object({ refreshToken: RefreshTokenSchema }, { additionalProperties: false });
export const DeleteMeBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export const IntrospectBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 4096 }),
    token_type_hint: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);

export const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Access-token lifetime, seconds' }),
  user: UserSchema,
});

export const IntrospectionSchema = Type.Object({
  active: Type.Boolean(),
  token_type: Type.Optional(Type.String()),
  sub: Type.Optional(Type.String()),
  role: Type.Optional(Type.String()),
  sid: Type.Optional(Type.String()),
  jti: Type.Optional(Type.String()),
  exp: Type.Optional(Type.Integer()),
  iss: Type.Optional(Type.String()),
  aud: Type.Optional(Type.String()),
});

export const JwksSchema = Type.Object({
  keys: Type.Array(Type.Object({}, { additionalProperties: true })),
});

/** The longest a read of GET /revoked-sessions waits for a change: under the gateway's upstream time limit (30 s). */
export const MAX_REVOCATION_WAIT_SECONDS = 25;

export const RevokedSessionsQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ pattern: '^[0-9a-f]{16}$', description: 'The revision of the list the caller holds' })),
    waitSeconds: Type.Optional(Type.Integer({
      minimum: 0,
      maximum: MAX_REVOCATION_WAIT_SECONDS,
      description: 'With `after`: while the list is still at that revision, answer only when a session ends or after this many seconds',
    })),
  },
  { additionalProperties: false },
);

export const RevokedSessionsSchema = Type.Object({
  sessions: Type.Array(Type.String({ format: 'uuid' }), { description: 'Ids (the access tokens\' sid) of the sessions ended within the window' }),
  windowSeconds: Type.Integer({ description: 'How far back the list goes: longer than an access token lives' }),
  revision: Type.String({ description: 'Names this list: send it back as `after` to wait for the next change' }),
});

export const UsersLookupBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 1000, uniqueItems: true })),
    emails: Type.Optional(Type.Array(Type.String({ format: 'email', maxLength: 254 }), { minItems: 1, maxItems: 100, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1, description: 'Users by id, or active users by email' },
);
export const UsersLookupSchema = Type.Object({
  users: Type.Array(Type.Object({
    id: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
    role: Type.String(),
    deleted: Type.Boolean(),
  })),
});
