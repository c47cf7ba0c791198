/**
 * What a child process inherits (review I-3). The stack's own environment holds the deployer's key, the session
 * secret, the database URL (password), the private RPC URL (API key) and the dashboard's reader key; an oracle node,
 * anvil, the web build or a telemetry command needs none of them, so every spawn names what it passes.
 */

/** Where programs, temporary files and Node's own settings are; nothing secret. */
export const INHERITED_VARIABLES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'TZ',
  'NODE_ENV',
  'NODE_OPTIONS',
  'TEST_PORT_OFFSET',
] as const;

/** The inherited variables that are set (plus `names`), then `extra`: the child's whole environment. */
export function childEnvironment(
  extra: Record<string, string | undefined> = {},
  names: readonly string[] = [],
): NodeJS.ProcessEnv {
  const env = {} as NodeJS.ProcessEnv;
  for (const name of [...INHERITED_VARIABLES, ...names]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}
