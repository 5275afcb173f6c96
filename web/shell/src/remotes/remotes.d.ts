// Modules exposed by the auth micro-frontend (web/auth), loaded at run time from
// /web/auth/remoteEntry.js. Props follow the shared session contract.
declare module 'auth/LoginPage' {
  import type { ComponentType } from 'react';
  import type { RemotePageProps } from '../session/session';
  const LoginPage: ComponentType<RemotePageProps>;
  export default LoginPage;
}

declare module 'auth/SignupPage' {
  import type { ComponentType } from 'react';
  import type { RemotePageProps } from '../session/session';
  const SignupPage: ComponentType<RemotePageProps>;
  export default SignupPage;
}

declare module 'auth/AccountPage' {
  import type { ComponentType } from 'react';
  import type { RemotePageProps } from '../session/session';
  const AccountPage: ComponentType<RemotePageProps>;
  export default AccountPage;
}

// Modules exposed by the storefront micro-frontend (web/ticketing), loaded at run time from
// /web/ticketing/remoteEntry.js.
declare module 'ticketing/ShowPage' {
  import type { ComponentType } from 'react';
  import type { RemotePageProps } from '../session/session';
  const ShowPage: ComponentType<RemotePageProps & { slug: string }>;
  export default ShowPage;
}

declare module 'ticketing/TicketsPage' {
  import type { ComponentType } from 'react';
  import type { RemotePageProps } from '../session/session';
  const TicketsPage: ComponentType<RemotePageProps>;
  export default TicketsPage;
}
