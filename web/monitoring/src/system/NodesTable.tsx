import type { Lang } from '@clove/web-kit/session';
import type { NodeView } from '../api/system';
import { formatDecimal, formatMemory, formatShare } from '../common/format';
import { ScrollTable } from '../components/ScrollTable';
import type { Messages } from '../i18n';

interface NodesTableProps {
  nodes: NodeView[];
  lang: Lang;
  t: Messages;
}

/** R19: each node's capacity and what its replicas use of it. */
export function NodesTable({ nodes, lang, t }: NodesTableProps) {
  if (nodes.length === 0) return <p className="mon-empty">{t.noNodes}</p>;
  return (
    <ScrollTable label={t.tableOf(t.nodesHeading)}>
      <table className="mon-table">
        <thead>
          <tr>
            <th scope="col">{t.node}</th>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.cpuUse}</th>
            <th scope="col">{t.memoryUse}</th>
            <th scope="col">{t.replicas}</th>
            <th scope="col">{t.labels}</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => {
            const cores = node.cpuMillis / 1000;
            return (
              <tr key={node.name}>
                <th scope="row">{node.name}</th>
                <td>{node.ready ? t.ready : t.notReady}</td>
                <td className="mon-number">
                  {t.usedOf(t.cores(formatDecimal(node.used.cpuCores, lang)), t.cores(formatDecimal(cores, lang)))}
                  {cores > 0 && <span className="mon-hint"> ({formatShare(node.used.cpuCores / cores, lang)})</span>}
                </td>
                <td className="mon-number">
                  {t.usedOf(formatMemory(node.used.memoryBytes, lang), formatMemory(node.memoryBytes, lang))}
                  {node.memoryBytes > 0 && <span className="mon-hint"> ({formatShare(node.used.memoryBytes / node.memoryBytes, lang)})</span>}
                </td>
                <td className="mon-number">{node.used.replicas}</td>
                <td>{Object.entries(node.labels).map(([k, v]) => `${k}=${v}`).join(', ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}
