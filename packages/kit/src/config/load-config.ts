import { type Static, type TObject } from 'typebox';
import { Value } from 'typebox/value';
import { variableNamesOf } from './variable-names.js';

/** Thrown at start-up when the environment does not satisfy a service's configuration schema. */
export class ConfigError extends Error {
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads a configuration object from environment variables. Property names of the schema are
 * the variable names; strings are converted to the schema's types and defaults applied.
 * Fails with a ConfigError that names every bad variable, as the operator set it when the
 * environment tells another name for it (see variable-names.ts).
 */
export function loadConfig<T extends TObject>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): Static<T> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const withDefaults = Value.Default(schema, raw);
  const converted = Value.Convert(schema, withDefaults);
  if (Value.Check(schema, converted)) return converted as Static<T>;
  const names = variableNamesOf(env);
  const named = (key: string) => names[key] ?? key;
  const problems: Array<{ variable: string; message: string }> = [];
  for (const error of Value.Errors(schema, converted)) {
    const missing = error.keyword === 'required'
      ? (error.params as { requiredProperties?: string[] }).requiredProperties
      : undefined;
    const key = error.instancePath.replace(/^\//, '');
    const variable = missing?.map(named).join(', ') ?? (key ? named(key) : '(root)');
    const choices = allowedValues(schema.properties[key]);
    const message = missing ? 'is required' : choices ? `must be one of ${choices.join(', ')}` : error.message;
    if (!problems.some((p) => p.variable === variable && p.message === message)) problems.push({ variable, message });
  }
  throw new ConfigError(problems);
}

/** The values a union of literals allows, e.g. a log level's; undefined for any other schema. */
function allowedValues(property: unknown): string[] | undefined {
  const anyOf = (property as { anyOf?: Array<{ const?: unknown }> } | undefined)?.anyOf;
  if (!anyOf?.every((option) => option.const !== undefined)) return undefined;
  return anyOf.map((option) => String(option.const));
}

/** For entry points: the configuration, or a clear message naming the bad variables and exit 2. */
export function loadConfigOrExit<T extends TObject>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): Static<T> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
