import { LEVELS, type Level } from '../detect/levels.js';
import { fingerprintShape } from './detectorFingerprint.js';
import { bad, count, field, nonNegative, optionalField } from '../validate/stateFields.js';
import type { GroupState } from './types.js';
import { LIMITS } from '../validate/limits.js';

/** Labels windows: `0`/`1`. Confidence windows add `a`…`s` (1/20 … 19/20). */
const LABEL_SYMBOLS = /^[01]*$/;
const CONFIDENCE_SYMBOLS = /^[01a-s]*$/;

/**
 * Reads one untrusted group of a state. Its detector fingerprint, when present, must be one the
 * library writes, and the statistic and window must be possible for it: window symbols and
 * length that the fingerprint's window detector writes (none for other kinds), and an EWMA
 * value at most 1. A group without a fingerprint (a state stored before fingerprints existed)
 * may hold `0`/`1` window bits of any length up to 512.
 *
 * @param api - the API name errors start with
 * @param raw - the untrusted group
 * @param path - its path in the state (`groups[2]`)
 * @returns the validated group, a fresh object
 * @throws RebalanceError with code `state` and the path of the bad field
 *
 * @internal
 */
export function readGroup(api: string, raw: unknown, path: string): GroupState {
  const id = field(api, raw, 'id', path);
  if (typeof id !== 'string' || id.length === 0 || id.length > 256)
    bad(api, `${path}.id`, 'must be a group id', id);
  const triggeringMass = nonNegative(
    api,
    field(api, raw, 'triggeringMass', path),
    `${path}.triggeringMass`,
  );
  const totalMass = nonNegative(api, field(api, raw, 'totalMass', path), `${path}.totalMass`);
  // Both masses decay by the same factor per impression and only the triggering one decays in
  // time, so the triggering mass can never exceed the total (up to rounding).
  if (triggeringMass > totalMass * (1 + 1e-9) + 1e-12)
    bad(api, `${path}.triggeringMass`, `must not exceed totalMass (${totalMass})`, triggeringMass);
  const run = count(api, field(api, raw, 'run', path), `${path}.run`);
  const statistic = nonNegative(api, field(api, raw, 'statistic', path), `${path}.statistic`);
  const detector = optionalField(api, raw, 'detector', path);
  const shape = detector === undefined ? null : fingerprintShape(detector);
  if (detector !== undefined && shape === null)
    bad(api, `${path}.detector`, 'must be a detector fingerprint', detector);
  const window = field(api, raw, 'window', path);
  const width = shape === null ? LIMITS.detectorWindow : shape.width;
  const symbols = shape?.confidence === true ? CONFIDENCE_SYMBOLS : LABEL_SYMBOLS;
  if (typeof window !== 'string' || window.length > width || !symbols.test(window))
    bad(
      api,
      `${path}.window`,
      shape === null
        ? `must be a string of at most ${width} '0'/'1' characters`
        : `must be the window of its detector ${detector as string} (at most ${width} symbols)`,
      window,
    );
  if (shape?.kind === 'ewma' && statistic > 1)
    bad(api, `${path}.statistic`, 'must be an EWMA value in [0, 1]', statistic);
  const level = field(api, raw, 'level', path);
  if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level))
    bad(api, `${path}.level`, "must be 'none', 'elevated' or 'sustained'", level);
  const hold = count(api, field(api, raw, 'hold', path), `${path}.hold`);
  const group = {
    id,
    triggeringMass,
    totalMass,
    run,
    statistic,
    window,
    level: level as Level,
    hold,
  };
  return detector === undefined ? group : { ...group, detector: detector as string };
}
