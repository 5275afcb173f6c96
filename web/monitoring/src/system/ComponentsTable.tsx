import type { Lang } from '@clove/web-kit/session';
import { formatCpu, formatMemory } from '../common/format';
import { ScrollTable } from '../components/ScrollTable';
import type { Messages } from '../i18n';
import { MoveControl } from './MoveControl';
import { ScaleControl } from './ScaleControl';
import type { ComponentRow } from './systemView';

interface ComponentsTableProps {
  rows: ComponentRow[];
  nodes: string[];
  token: string;
  lang: Lang;
  t: Messages;
  onChanged: () => void;
}

/** R19, R21, R22: each component with its replicas ready of desired, its use, and scale and move controls. */
export function ComponentsTable({ rows, nodes, token, lang, t, onChanged }: ComponentsTableProps) {
  if (rows.length === 0) return <p className="mon-empty">{t.noContainers}</p>;
  return (
    <ScrollTable label={t.tableOf(t.componentsHeading)}>
      <table className="mon-table">
        <thead>
          <tr>
            <th scope="col">{t.deployment}</th>
            <th scope="col">{t.componentColumn}</th>
            <th scope="col">{t.readyOfDesired}</th>
            <th scope="col">{t.node}</th>
            <th scope="col">{t.cpu}</th>
            <th scope="col">{t.memory}</th>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.restarts}</th>
            <th scope="col">{t.changes}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-component={row.key}>
              <th scope="row">{row.deploymentLabel}</th>
              <td>{row.component}</td>
              <td className="mon-number mon-replica-count">{`${row.ready} / ${row.desired ?? row.replicas.length}`}</td>
              <td>{row.nodes.join(', ') || '—'}</td>
              <td className="mon-number">{row.cpuCores === null ? '—' : formatCpu(row.cpuCores, lang)}</td>
              <td className="mon-number">{row.memoryBytes === null ? '—' : formatMemory(row.memoryBytes, lang)}</td>
              <td>{row.states.map((state) => t.replicaState(state)).join(', ') || t.stopped}</td>
              <td className="mon-number">{row.restarts}</td>
              <td className="mon-changes">
                {row.deploymentId ? (
                  <ScaleControl
                    token={token}
                    deploymentId={row.deploymentId}
                    deploymentLabel={row.deploymentLabel}
                    component={row.component}
                    current={row.desired ?? row.replicas.length}
                    running={row.replicas.length}
                    ready={row.ready}
                    t={t}
                    onDone={onChanged}
                  />
                ) : '—'}
                {row.deploymentId && nodes.length > 0 && (
                  <MoveControl
                    token={token}
                    deploymentId={row.deploymentId}
                    deploymentLabel={row.deploymentLabel}
                    component={row.component}
                    nodes={nodes}
                    current={row.nodes[0]}
                    t={t}
                    onDone={onChanged}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
