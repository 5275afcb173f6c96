import { useId, useState } from 'react';
import type { Lang } from '@clove/web-kit/session';
import { useResource } from '@clove/web-kit/useResource';
import { fetchDeployment, type DeploymentSummary } from '../api/deployments';
import { FailureAlert } from '../components/FailureAlert';
import type { Messages } from '../i18n';
import { PolicyEditor } from './PolicyEditor';

interface AutoscaleSectionProps {
  token: string;
  deployments: DeploymentSummary[];
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

/** R21: choose a deployment and one of its components, then see and edit its policy. */
export function AutoscaleSection({ token, deployments, lang, t, navigate }: AutoscaleSectionProps) {
  const deploymentSelect = useId();
  const componentSelect = useId();
  const [deploymentId, setDeploymentId] = useState('');
  const [chosenComponent, setComponent] = useState('');
  const detail = useResource((signal) => fetchDeployment(deploymentId, token, signal), { key: deploymentId === '' ? null : deploymentId });
  const components = detail.data?.components.map((c) => c.name) ?? [];
  const component = components.includes(chosenComponent) ? chosenComponent : (components[0] ?? '');

  return (
    <div className="mon-autoscale">
      <div className="mon-actions">
        <div className="mon-field">
          <label htmlFor={deploymentSelect}>{t.deployment}</label>
          <select id={deploymentSelect} className="mon-input" value={deploymentId} onChange={(e) => { setDeploymentId(e.target.value); setComponent(''); }}>
            <option value="">{t.chooseDeployment}</option>
            {deployments.map((d) => <option key={d.id} value={d.id}>{d.slug}</option>)}
          </select>
        </div>
        {deploymentId && components.length > 0 && (
          <div className="mon-field">
            <label htmlFor={componentSelect}>{t.componentColumn}</label>
            <select id={componentSelect} className="mon-input" value={component} onChange={(e) => setComponent(e.target.value)}>
              {components.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </div>
        )}
      </div>
      {deployments.length === 0 && <p className="mon-empty">{t.noDeployments}</p>}
      {deploymentId && detail.failure !== null && (
        <FailureAlert what={t.deploymentFailed} failure={detail.failure} t={t} navigate={navigate} onRetry={detail.refresh} />
      )}
      {deploymentId && detail.data && components.length === 0 && <p className="mon-empty">{t.noComponents}</p>}
      {deploymentId && component && (
        <PolicyEditor key={`${deploymentId}/${component}`} token={token} deploymentId={deploymentId} component={component} lang={lang} t={t} navigate={navigate} />
      )}
    </div>
  );
}
