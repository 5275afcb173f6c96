import type { ComponentType } from 'react';
import type { RemotePageProps } from '../session/session';

/** Loads a remote page; `Extra` is what the page takes beyond the shared props. */
export type RemotePageLoader<Extra = object> = () => Promise<{ default: ComponentType<RemotePageProps & Extra> }>;

/** Pages of the auth micro-frontend, fetched when first shown. */
export const authPages = {
  login: () => import('auth/LoginPage'),
  signup: () => import('auth/SignupPage'),
  account: () => import('auth/AccountPage'),
} satisfies Record<string, RemotePageLoader>;
