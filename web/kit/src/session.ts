// The session contract between the shell and its remotes: the props every remote page gets.

export type Lang = 'ko' | 'en';
export type Role = 'buyer' | 'seller' | 'admin';

export interface User {
  id: string;
  email: string;
  role: Role;
  name: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, epoch milliseconds. */
  expiresAt: number;
  user: User;
}

/** Props the shell passes to every remote page. */
export interface RemotePageProps {
  lang: Lang;
  session: Session | null;
  onSession: (session: Session | null) => void;
  navigate: (path: string) => void;
}
