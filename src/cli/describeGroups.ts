import type { ResolvedLevelAction } from '../policy/resolved.js';
import type { ResolvedDetection } from '../detect/detector.js';
import { LEVELS } from '../detect/levels.js';
import type { Rebalancer } from '../facade/types.js';

/**
 * The per-group values a rebalancer's policy resolves to, one line per taxonomy group: its
 * `minConfidence`, its detector (with `hold` and `evidence`) and what each level does. A group
 * with a block of its own in `policy.groups` is marked "own policy".
 *
 * @param rb - the rebalancer built from the policy
 * @returns the lines, each ending with a newline
 *
 * @internal
 */
export function describeGroups(rb: Rebalancer): string {
  const { policy } = rb;
  let text = '';
  for (const id of rb.groups) {
    const own = Object.prototype.hasOwnProperty.call(policy.groups, id)
      ? policy.groups[id]
      : undefined;
    const g = own ?? policy;
    const levels = LEVELS.map((level) => `${level}: ${describeAction(g.levels[level])}`).join('; ');
    text +=
      `  ${id}${own === undefined ? '' : ' (own policy)'}: minConfidence ${g.minConfidence}; ` +
      `${describeDetection(g.detection)}; ${levels}\n`;
  }
  return text;
}

function describeDetection(d: ResolvedDetection): string {
  const tail = `hold ${d.hold}, ${d.evidence}`;
  switch (d.kind) {
    case 'run':
      return `run of ${d.length}, ${tail}`;
    case 'window':
      return `window ${d.count} of ${d.window}, ${tail}`;
    case 'cusum':
      return `cusum p0 ${d.p0} → p1 ${d.p1}, h ${d.h}, ${tail}`;
    case 'ewma':
      return `ewma λ ${d.lambda}, limit ${d.limit}, ${tail}`;
  }
}

function describeAction(action: ResolvedLevelAction): string {
  const parts: string[] = [];
  if (action.cap !== null)
    parts.push(
      action.cap.count === 0 ? 'filter' : `cap ${action.cap.count} in ${action.cap.window}`,
    );
  if (action.recoveryEvery !== null) parts.push(`recovery every ${action.recoveryEvery}`);
  if (action.diversify !== null) parts.push(`diversify (${action.diversify.kind})`);
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}
