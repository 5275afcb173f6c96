import type { Messages } from '../i18n';
import type { ParameterField } from './parameterSchema';

/** The form a seller gets when deploying from this template: one field per parameter. */
export function ParameterPreview({ fields, t }: { fields: readonly ParameterField[]; t: Messages }) {
  return (
    <div className="adm-preview">
      <h3 id="parameter-preview-heading">{t.sellerFormPreview}</h3>
      {fields.length === 0
        ? <p className="adm-hint">{t.noParameters}</p>
        : (
          <div className="adm-table-scroll" role="region" aria-labelledby="parameter-preview-heading" tabIndex={0}>
            <table className="adm-table">
              <thead>
                <tr>
                  <th scope="col">{t.fieldName}</th>
                  <th scope="col">{t.fieldType}</th>
                  <th scope="col">{t.fieldDefault}</th>
                  <th scope="col">{t.fieldRequired}</th>
                  <th scope="col">{t.fieldDescription}</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => (
                  <tr key={field.name}>
                    <th scope="row"><code>{field.name}</code></th>
                    <td>{t.parameterTypes[field.type]}{field.constraints.length > 0 && <span className="adm-hint"> ({field.constraints.join(', ')})</span>}</td>
                    <td><code>{JSON.stringify(field.default)}</code></td>
                    <td>{field.required ? t.yes : t.no}</td>
                    <td className="adm-wrap">{field.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </div>
  );
}
