import type { InputReader } from '../validate/reader.js';
import { cusumGamma } from '../detect/cusumGamma.js';
import { POLICY_DEFAULTS } from './defaults.js';
import type { ResolvedDetection } from '../detect/detector.js';
import type { Evidence } from '../detect/detector.js';
import { LIMITS } from '../validate/limits.js';

const EVIDENCE: readonly Evidence[] = ['labels', 'confidence'];

/**
 * The default detector, resolved: the `balanced` CUSUM on labels.
 *
 * @internal
 */
export function defaultDetection(): ResolvedDetection {
  const { p0, p1, h } = POLICY_DEFAULTS.detection;
  return {
    kind: 'cusum',
    p0,
    p1,
    h,
    gamma: cusumGamma(p0, p1),
    hold: POLICY_DEFAULTS.hold,
    evidence: POLICY_DEFAULTS.evidence,
  };
}

/**
 * Validates one `detection` block and fills in `hold` and `evidence`. Paths are relative to the
 * policy (`detection.h`, `groups.suicide.detection.h`).
 *
 * @param r - the policy's reader
 * @param raw - the untrusted block
 * @param path - where it sits in the policy
 * @returns the resolved detector
 * @throws RebalanceError with code `policy` and the path of the first bad field
 *
 * @internal
 */
export function resolveDetection(r: InputReader, raw: unknown, path: string): ResolvedDetection {
  const at = (field: string): string => `${path}.${field}`;
  const head = r.object(raw, path, [
    'kind',
    'length',
    'count',
    'window',
    'p0',
    'p1',
    'h',
    'lambda',
    'limit',
    'hold',
    'evidence',
  ]);
  const kind = r.oneOf(head.kind, at('kind'), ['run', 'window', 'cusum', 'ewma'] as const);
  const hold =
    head.hold === undefined ? POLICY_DEFAULTS.hold : r.integer(head.hold, at('hold'), 0, 10_000);
  const evidence =
    head.evidence === undefined
      ? POLICY_DEFAULTS.evidence
      : r.oneOf(head.evidence, at('evidence'), EVIDENCE);
  switch (kind) {
    case 'run': {
      const d = r.object(raw, path, ['kind', 'length', 'hold', 'evidence']);
      return {
        kind,
        length: r.integer(d.length, at('length'), 1, LIMITS.detectorWindow),
        hold,
        evidence,
      };
    }
    case 'window': {
      const d = r.object(raw, path, ['kind', 'count', 'window', 'hold', 'evidence']);
      const window = r.integer(d.window, at('window'), 1, LIMITS.detectorWindow);
      const count = r.integer(d.count, at('count'), 1, window);
      return { kind, count, window, hold, evidence };
    }
    case 'cusum': {
      const d = r.object(raw, path, ['kind', 'p0', 'p1', 'h', 'hold', 'evidence']);
      const p0 = r.number(d.p0, at('p0'), 0, 1, 'both');
      const p1 = r.number(d.p1, at('p1'), p0, 1, 'both');
      const h = r.number(d.h, at('h'), 0, LIMITS.cusumThreshold, 'min');
      return { kind, p0, p1, h, gamma: cusumGamma(p0, p1), hold, evidence };
    }
    case 'ewma': {
      const d = r.object(raw, path, ['kind', 'lambda', 'limit', 'hold', 'evidence']);
      const lambda = r.number(d.lambda, at('lambda'), 0, 1, 'min');
      const limit = r.number(d.limit, at('limit'), 0, 1, 'min');
      return { kind, lambda, limit, hold, evidence };
    }
  }
}
