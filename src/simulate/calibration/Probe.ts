import type { Catalogue } from '../world/buildCatalogue.js';
import type { ProbeSpec } from './protocolSpec.js';

/**
 * One user's measurements under a calibration protocol, as a flat array of sums (so users pool
 * by adding, in user order):
 *
 * - per `firsts` set: time on the app (ms) before its first impression, `NaN` if none;
 * - per window: impressions of the set, all impressions;
 * - per `watched` set: impressions, watched impressions;
 * - per curve request: impressions of the set, all impressions.
 *
 * @internal
 */
export class Probe {
  private readonly out: Float64Array;
  private readonly firstSets: Uint8Array[];
  private readonly windowSets: Uint8Array[];
  private readonly watchedSets: Uint8Array[];
  private readonly curveSet: Uint8Array | null;
  private readonly windowsAt: number;
  private readonly watchedAt: number;
  private readonly curveAt: number;

  constructor(
    private readonly spec: ProbeSpec,
    catalogue: Catalogue,
  ) {
    const mask = (ids: readonly string[]): Uint8Array => {
      const m = new Uint8Array(catalogue.topics.length);
      catalogue.topics.forEach((t, i) => {
        if (ids.includes(t.id)) m[i] = 1;
      });
      return m;
    };
    this.firstSets = spec.firsts.map(mask);
    this.windowSets = spec.windows.map((w) => mask(w.topics));
    this.watchedSets = spec.watched.map(mask);
    this.curveSet = spec.curve === null ? null : mask(spec.curve.topics);
    this.windowsAt = spec.firsts.length;
    this.watchedAt = this.windowsAt + 2 * spec.windows.length;
    this.curveAt = this.watchedAt + 2 * spec.watched.length;
    this.out = new Float64Array(this.curveAt + 2 * (spec.curve?.requests ?? 0));
    this.out.fill(Number.NaN, 0, this.windowsAt);
  }

  /** Length of a probe's result for `spec`. */
  static size(spec: ProbeSpec): number {
    return (
      spec.firsts.length +
      2 * spec.windows.length +
      2 * spec.watched.length +
      2 * (spec.curve?.requests ?? 0)
    );
  }

  /** Records one impression: its topic, whether it was watched, the time on the app before it. */
  impression(topic: number, watched: boolean, activeMs: number, request: number): void {
    const out = this.out;
    for (let k = 0; k < this.firstSets.length; k++)
      if (this.firstSets[k]![topic] === 1 && Number.isNaN(out[k]!)) out[k] = activeMs;
    const windows = this.spec.windows;
    for (let k = 0; k < windows.length; k++) {
      const w = windows[k]!;
      if (activeMs < w.fromMs || activeMs >= w.toMs) continue;
      const at = this.windowsAt + 2 * k;
      out[at]! += this.windowSets[k]![topic]!;
      out[at + 1]!++;
    }
    for (let k = 0; k < this.watchedSets.length; k++) {
      if (this.watchedSets[k]![topic] !== 1) continue;
      const at = this.watchedAt + 2 * k;
      out[at]!++;
      if (watched) out[at + 1]!++;
    }
    const curve = this.spec.curve;
    if (curve !== null) {
      const r = request - curve.fromRequest;
      if (r >= 0 && r < curve.requests) {
        const at = this.curveAt + 2 * r;
        out[at]! += this.curveSet![topic]!;
        out[at + 1]!++;
      }
    }
  }

  /** The measurements. */
  result(): Float64Array {
    return this.out;
  }
}
