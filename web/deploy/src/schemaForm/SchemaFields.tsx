import type { FieldDescriptor } from './fields';
import type { Inputs } from './inputs';
import { SchemaField } from './SchemaField';

interface SchemaFieldsProps {
  fields: FieldDescriptor[];
  idPrefix: string;
  inputs: Inputs;
  /** Each field's error, in words. */
  errors: Readonly<Record<string, string>>;
  requiredText: string;
  onChange: (name: string, value: string | boolean) => void;
}

/** The inputs of every field, in order. */
export function SchemaFields({ fields, idPrefix, inputs, errors, requiredText, onChange }: SchemaFieldsProps) {
  return (
    <>
      {fields.map((field) => (
        <SchemaField
          key={field.name}
          field={field}
          id={`${idPrefix}-${field.name}`}
          value={inputs[field.name] ?? ''}
          error={errors[field.name]}
          requiredText={requiredText}
          onChange={onChange}
        />
      ))}
    </>
  );
}
