/**
 * Under which names the operator set some of a service's variables. A supervisor that passes
 * variables on under other names (the launcher gives `DEPLOYER_RUNTIME` to the deployer as
 * `RUNTIME`) tells the service so in this variable, as JSON, e.g. {"RUNTIME":"DEPLOYER_RUNTIME"};
 * configuration errors then name what the operator set.
 */
export const VARIABLE_NAMES = 'CLOVE_VARIABLE_NAMES';

/** The variable that tells a service the names of its variables; none when there are none. */
export function variableNamesEnv(names: Record<string, string>): Record<string, string> {
  return Object.keys(names).length > 0 ? { [VARIABLE_NAMES]: JSON.stringify(names) } : {};
}

/** The names given in the environment; none when unset or not a JSON object of strings. */
export function variableNamesOf(env: Record<string, string | undefined>): Record<string, string> {
  const json = env[VARIABLE_NAMES];
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
