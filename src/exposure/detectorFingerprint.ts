import type { ResolvedDetection } from '../detect/detector.js';
import { hashId } from './hashId.js';
import { LIMITS } from '../validate/limits.js';

/**
 * A short fingerprint of what a group's stored statistic means: the detector kind, the
 * parameters the statistic depends on, and the evidence it counts. A state records it per group
 * so that a state read under another policy is never misread (docs/state.md, "Changing the
 * policy").
 *
 * - `run` → `r`: the statistic is the run, counted on labels whatever the evidence, and no
 *   parameter changes it (the length only sets the threshold).
 * - `window` → `w` + evidence (`l` labels, `c` confidence) + the window length: `wl8`.
 * - `cusum` → `c` + evidence + a 53-bit hash of γ in base 36: S ← max(0, S + x − γ) depends on
 *   p0 and p1 only through γ; h only sets the threshold.
 * - `ewma` → `e` + evidence + the hash of λ; the limit only sets the threshold.
 *
 * Thresholds (length, count, h, limit), `hold` and `minConfidence` are left out on purpose: the
 * statistic means the same under them, so changing them keeps it.
 *
 * @param d - the group's resolved detector
 * @returns at most 13 characters
 *
 * @example
 * ```ts
 * import { detectorFingerprint } from './detectorFingerprint.js';
 * detectorFingerprint({ kind: 'window', count: 3, window: 8, hold: 10, evidence: 'labels' }); // 'wl8'
 * ```
 *
 * @internal
 */
export function detectorFingerprint(d: ResolvedDetection): string {
  const evidence = d.evidence === 'confidence' ? 'c' : 'l';
  switch (d.kind) {
    case 'run':
      return 'r';
    case 'window':
      return `w${evidence}${d.window}`;
    case 'cusum':
      // String() of a double is its shortest round-trip form, the same in every JS engine.
      return `c${evidence}${hashId(String(d.gamma))}`;
    case 'ewma':
      return `e${evidence}${hashId(String(d.lambda))}`;
  }
}

/** What a stored fingerprint says about the statistic and window beside it. @internal */
export interface FingerprintShape {
  readonly kind: ResolvedDetection['kind'];
  /** Whether the window may hold confidence symbols (`a`…`s`) besides `0` and `1`. */
  readonly confidence: boolean;
  /** The window length of a `window` fingerprint, else 0 (no window may be stored). */
  readonly width: number;
}

const PATTERN = /^(?:r|w[lc][1-9][0-9]{0,2}|[ce][lc][0-9a-z]{1,11})$/;
const KINDS = { r: 'run', w: 'window', c: 'cusum', e: 'ewma' } as const;

/**
 * Reads an untrusted stored fingerprint: its shape, or `null` when it is not one that
 * {@link detectorFingerprint} writes (longer than 13 characters, other characters, a window
 * longer than 512).
 *
 * @param value - the stored value
 * @returns the shape, or `null`
 *
 * @example
 * ```ts
 * import { fingerprintShape } from './detectorFingerprint.js';
 * fingerprintShape('wc8'); // { kind: 'window', confidence: true, width: 8 }
 * fingerprintShape('x'.repeat(1e6)); // null
 * ```
 *
 * @internal
 */
export function fingerprintShape(value: unknown): FingerprintShape | null {
  if (typeof value !== 'string' || value.length > 13 || !PATTERN.test(value)) return null;
  const kind = KINDS[value[0] as keyof typeof KINDS];
  const width = kind === 'window' ? Number(value.slice(2)) : 0;
  if (width > LIMITS.detectorWindow) return null;
  return { kind, confidence: value[1] === 'c', width };
}
