import { unreadableError } from '../validate/fail.js';
import type { ArgumentReader } from './arguments.js';
import type { ClassifierRates } from './types.js';

/**
 * Reads the optional `classifier` argument of `cusumArl` and `designCusum`: an object with
 * exactly `recall` in (0, 1] and `falsePositiveRate` in [0, 1), recall above the false-positive
 * rate (otherwise a label says nothing about the content, or says the opposite).
 *
 * @param args - the helper's arguments
 * @returns the rates, or `null` when the argument is absent
 * @throws {@link RebalanceError} code `argument`, path `classifier`, `classifier.recall` or
 *   `classifier.falsePositiveRate`
 *
 * @example
 * ```ts
 * import { ArgumentReader } from './arguments.js';
 * import { readClassifier } from './classifier.js';
 * const args = new ArgumentReader('cusumArl', { classifier: { recall: 0.9, falsePositiveRate: 0.02 } }, ['classifier']);
 * readClassifier(args); // { recall: 0.9, falsePositiveRate: 0.02 }
 * ```
 *
 * @internal
 */
export function readClassifier(args: ArgumentReader): ClassifierRates | null {
  const raw = args.value('classifier');
  if (raw === undefined) return null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    args.fail('classifier', 'must be an object { recall, falsePositiveRate }', raw);
  let keys: string[];
  let recall: unknown;
  let falsePositiveRate: unknown;
  try {
    keys = Object.keys(raw);
    ({ recall, falsePositiveRate } = raw as Record<string, unknown>);
  } catch (cause) {
    throw unreadableError('argument', args.api, 'classifier', cause);
  }
  for (const key of keys)
    if (key !== 'recall' && key !== 'falsePositiveRate')
      args.fail(
        `classifier.${key}`,
        'is not a known argument (expected recall, falsePositiveRate)',
        key,
      );
  if (typeof recall !== 'number' || !Number.isFinite(recall) || recall <= 0 || recall > 1)
    args.fail('classifier.recall', 'must be a number in (0, 1]', recall);
  if (
    typeof falsePositiveRate !== 'number' ||
    !Number.isFinite(falsePositiveRate) ||
    falsePositiveRate < 0 ||
    falsePositiveRate >= recall
  )
    args.fail(
      'classifier.falsePositiveRate',
      `must be a number in [0, recall) = [0, ${recall})`,
      falsePositiveRate,
    );
  return { recall, falsePositiveRate };
}

/**
 * The rate of triggering labels a detector sees when content is triggering at rate `p` and a
 * classifier labels it with the given recall and false-positive rate:
 * p′ = recall·p + falsePositiveRate·(1 − p). It lies in (0, 1) whenever p does and recall
 * exceeds the false-positive rate.
 *
 * @param p - the true rate, in (0, 1)
 * @param classifier - the classifier's rates, or `null` for a perfect one
 * @returns p′
 *
 * @example
 * ```ts
 * import { observedRate } from './classifier.js';
 * observedRate(0.05, { recall: 0.9, falsePositiveRate: 0.02 }); // 0.064
 * ```
 *
 * @internal
 */
export function observedRate(p: number, classifier: ClassifierRates | null): number {
  if (classifier === null) return p;
  return classifier.recall * p + classifier.falsePositiveRate * (1 - p);
}
