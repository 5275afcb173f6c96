import type { ComponentType } from 'react';
import type { RemotePageProps } from '../session/session';

/** A page a remote exposes: the shared props and what it takes beyond them. */
export type RemotePage<Extra = object> = ComponentType<RemotePageProps & Extra>;
