/**
 * The default comparison: what `npm start` runs and what the README's figure and its caption
 * show — the four preset policies on the `mixed` scenario, at a size that finishes in well under
 * a minute on two cores. Kept in one place so the figure cannot drift from the command.
 *
 * @internal
 */
export const DEFAULT_COMPARISON = {
  scenario: 'mixed',
  policies: ['off', 'dispersion', 'balanced', 'protective'],
  users: 200,
  steps: 100,
  seed: 1,
} as const;

/**
 * The `feed-rebalancer` command line of the default comparison, writing to `out`.
 *
 * @param out - the output folder
 * @returns the arguments after the command name
 * @internal
 */
export function defaultComparisonArgs(out: string): string[] {
  const c = DEFAULT_COMPARISON;
  return [
    'simulate',
    '--compare',
    c.policies.join(','),
    '--scenario',
    c.scenario,
    '--users',
    String(c.users),
    '--steps',
    String(c.steps),
    '--seed',
    String(c.seed),
    '--out',
    out,
  ];
}
