import type { Component } from '../api/deployments';
import type { Messages } from '../i18n';

/** What runs: each component's workload, ready and desired replicas, and every replica's state. */
export function ComponentsTable({ components, t }: { components: Component[]; t: Messages }) {
  return (
    <section className="dp-section" aria-labelledby="dp-components-heading">
      <h2 id="dp-components-heading">{t.componentsHeading}</h2>
      {components.length === 0 ? (
        <p className="dp-hint">{t.noComponents}</p>
      ) : (
        <div className="dp-table-scroll" role="region" aria-labelledby="dp-components-heading" tabIndex={0}>
          <table className="dp-table">
            <thead>
              <tr>
                <th scope="col">{t.componentName}</th>
                <th scope="col">{t.workload}</th>
                <th scope="col">{t.readyReplicas}</th>
                <th scope="col">{t.replicasLabel}</th>
              </tr>
            </thead>
            <tbody>
              {components.map((component) => (
                <tr key={component.workload}>
                  <th scope="row">{component.name}</th>
                  <td><code>{component.workload}</code></td>
                  <td>{t.readyOf(component.readyReplicas, component.desiredReplicas)}</td>
                  <td>
                    <ul className="dp-replicas">
                      {component.replicas.map((replica) => (
                        <li key={replica.name}>
                          <span aria-hidden="true" className={replica.ready ? 'dp-ok' : 'dp-bad'}>{replica.ready ? '✓' : '✕'}</span>{' '}
                          {t.replicaSummary(replica.name, `${replica.state} (${replica.ready ? t.replicaReady : t.replicaNotReady})`, replica.restarts, replica.node)}
                          {replica.message && <span className="dp-hint"> — {replica.message}</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
