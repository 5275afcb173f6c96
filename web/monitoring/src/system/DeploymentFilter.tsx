import { useId } from 'react';
import type { Messages } from '../i18n';

interface DeploymentFilterProps {
  /** Deployment labels to choose from. */
  options: string[];
  value: string;
  onChange: (value: string) => void;
  t: Messages;
}

/** Narrows the tables to one deployment; "" shows every one. */
export function DeploymentFilter({ options, value, onChange, t }: DeploymentFilterProps) {
  const id = useId();
  return (
    <div className="mon-field mon-filter">
      <label htmlFor={id}>{t.filterByDeployment}</label>
      <select id={id} className="mon-input" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t.allDeployments}</option>
        {options.map((label) => <option key={label} value={label}>{label}</option>)}
      </select>
    </div>
  );
}
