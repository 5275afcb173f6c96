import { Type, type Static } from 'typebox';

export const ROLES = ['admin', 'seller', 'buyer'] as const;
export const RoleSchema = Type.Enum(ROLES);
export type Role = Static<typeof RoleSchema>;

/** Access-token claims every service relies on. */
export const ACCESS_TOKEN_ISSUER = 'clove-auth';
export const ACCESS_TOKEN_AUDIENCE = 'clove';
export const ACCESS_TOKEN_ALG = 'ES256';
