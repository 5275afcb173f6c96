import { useState } from 'react';
import type { RemotePageProps, Session } from '@clove/web-kit/session';
import { AccessNotice } from '../components/AccessNotice';
import { FailureAlert } from '../components/FailureAlert';
import { UpdatedNote } from '../components/UpdatedNote';
import { messages } from '../i18n';
import { ComponentsTable } from './ComponentsTable';
import { DeploymentFilter } from './DeploymentFilter';
import { NodesTable } from './NodesTable';
import { ReplicasTable } from './ReplicasTable';
import { componentRows } from './systemView';
import { useSystemView } from './useSystemView';
import '../styles.css';

/** R19, R21, R22 for admins: nodes, what runs on them, and scaling and moving components. */
export default function SystemPage(props: RemotePageProps) {
  const { session, lang, navigate } = props;
  const t = messages(lang);
  if (session?.user.role !== 'admin') {
    return <AccessNotice heading={t.systemHeading} reason={t.adminsOnly} signedIn={session !== null} t={t} navigate={navigate} />;
  }
  return <SystemView {...props} session={session} />;
}

function SystemView({ session, lang, navigate }: RemotePageProps & { session: Session }) {
  const t = messages(lang);
  const view = useSystemView(session.accessToken);
  const [filter, setFilter] = useState('');
  const rows = view.data ? componentRows(view.data) : [];
  const labels = [...new Set(rows.map((row) => row.deploymentLabel))];
  const shown = filter ? rows.filter((row) => row.deploymentLabel === filter) : rows;
  const nodeNames = view.data?.nodes.map((node) => node.name) ?? [];

  return (
    <section className="mon-page" aria-labelledby="mon-system-heading">
      <h1 id="mon-system-heading">{t.systemHeading}</h1>
      <p className="mon-lead">{t.systemIntro}</p>
      <UpdatedNote updatedAt={view.updatedAt} loading={view.loading} lang={lang} t={t} />
      {view.failure !== null && <FailureAlert what={t.systemFailed} failure={view.failure} t={t} navigate={navigate} onRetry={view.refresh} />}
      {view.data && (
        <>
          <section className="mon-section" aria-labelledby="mon-nodes-heading">
            <h2 id="mon-nodes-heading">{t.nodesHeading}</h2>
            <NodesTable nodes={view.data.nodes} lang={lang} t={t} />
          </section>
          <section className="mon-section" aria-labelledby="mon-components-heading">
            <h2 id="mon-components-heading">{t.componentsHeading}</h2>
            <p className="mon-hint">{t.componentsHint}</p>
            <DeploymentFilter options={labels} value={filter} onChange={setFilter} t={t} />
            <ComponentsTable rows={shown} nodes={nodeNames} token={session.accessToken} lang={lang} t={t} onChanged={view.refresh} />
          </section>
          <section className="mon-section" aria-labelledby="mon-containers-heading">
            <h2 id="mon-containers-heading">{t.containersHeading}</h2>
            <ReplicasTable rows={shown} lang={lang} t={t} />
          </section>
        </>
      )}
    </section>
  );
}
