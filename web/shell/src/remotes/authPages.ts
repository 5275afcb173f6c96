import type { ComponentType } from 'react';
import type { RemotePageProps } from '../session/session';

export type RemotePageLoader = () => Promise<{ default: ComponentType<RemotePageProps> }>;

/** Pages of the auth micro-frontend, fetched when first shown. */
export const authPages = {
  login: () => import('auth/LoginPage'),
  signup: () => import('auth/SignupPage'),
  account: () => import('auth/AccountPage'),
} satisfies Record<string, RemotePageLoader>;
