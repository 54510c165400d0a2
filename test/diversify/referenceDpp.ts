/**
 * A line-by-line port of the reference implementation of Chen, Zhang & Zhou (NeurIPS 2018):
 * `dpp` and `dpp_sw` of github laming-chen/fast-map-dpp, dpp.py at commit a2e66222. It keeps
 * the reference's structure (numpy row operations written as loops, the rotation in its
 * tangent form, no epsilon check on the first pick) so that it can stand in for the Python code
 * on kernels the fixture file does not hold. Deliberately unoptimised.
 */

/** First index of the largest entry, like numpy's argmax. */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function zeros(rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

/** Port of `dpp(kernel_matrix, max_length, epsilon)`. */
export function referenceDpp(
  kernel: readonly (readonly number[])[],
  maxLength: number,
  epsilon = 1e-10,
): number[] {
  const itemSize = kernel.length;
  const cis = zeros(maxLength, itemSize);
  const di2s = kernel.map((row, i) => row[i]!);
  const selected = [argmax(di2s)];
  let selectedItem = selected[0]!;
  while (selected.length < maxLength) {
    const k = selected.length - 1;
    const diOptimal = Math.sqrt(di2s[selectedItem]!);
    const elements = kernel[selectedItem]!;
    const eis = new Array<number>(itemSize);
    for (let i = 0; i < itemSize; i++) {
      let dot = 0;
      for (let s = 0; s < k; s++) dot += cis[s]![selectedItem]! * cis[s]![i]!;
      eis[i] = (elements[i]! - dot) / diOptimal;
    }
    cis[k] = eis;
    for (let i = 0; i < itemSize; i++) di2s[i] = di2s[i]! - eis[i]! ** 2;
    di2s[selectedItem] = -Infinity;
    selectedItem = argmax(di2s);
    if (di2s[selectedItem]! < epsilon) break;
    selected.push(selectedItem);
  }
  return selected;
}

/** Port of `dpp_sw(kernel_matrix, window_size, max_length, epsilon)`. */
export function referenceDppSw(
  kernel: readonly (readonly number[])[],
  windowSize: number,
  maxLength: number,
  epsilon = 1e-10,
): number[] {
  const itemSize = kernel.length;
  const v = zeros(maxLength, maxLength);
  const cis = zeros(maxLength, itemSize);
  const di2s = kernel.map((row, i) => row[i]!);
  const selected = [argmax(di2s)];
  let selectedItem = selected[0]!;
  let left = 0;
  while (selected.length < maxLength) {
    const k = selected.length - 1;
    const diOptimal = Math.sqrt(di2s[selectedItem]!);
    for (let s = left; s < k; s++) v[k]![s] = cis[s]![selectedItem]!;
    v[k]![k] = diOptimal;
    const elements = kernel[selectedItem]!;
    const eis = new Array<number>(itemSize);
    for (let i = 0; i < itemSize; i++) {
      let dot = 0;
      for (let s = left; s < k; s++) dot += cis[s]![selectedItem]! * cis[s]![i]!;
      eis[i] = (elements[i]! - dot) / diOptimal;
    }
    cis[k] = eis;
    for (let i = 0; i < itemSize; i++) di2s[i] = di2s[i]! - eis[i]! ** 2;
    if (selected.length >= windowSize) {
      left += 1;
      const out = left - 1;
      for (let ind = left; ind <= k; ind++) {
        const t = Math.sqrt(v[ind]![ind]! ** 2 + v[ind]![out]! ** 2);
        const c = t / v[ind]![ind]!;
        const s = v[ind]![out]! / v[ind]![ind]!;
        v[ind]![ind] = t;
        for (let q = ind + 1; q <= k; q++) {
          v[q]![ind] = (v[q]![ind]! + s * v[q]![out]!) / c;
          v[q]![out] = v[q]![out]! * c - s * v[q]![ind]!;
        }
        for (let i = 0; i < itemSize; i++) {
          cis[ind]![i] = (cis[ind]![i]! + s * cis[out]![i]!) / c;
          cis[out]![i] = cis[out]![i]! * c - s * cis[ind]![i]!;
        }
      }
      for (let i = 0; i < itemSize; i++) di2s[i] = di2s[i]! + cis[out]![i]! ** 2;
    }
    di2s[selectedItem] = -Infinity;
    selectedItem = argmax(di2s);
    if (di2s[selectedItem]! < epsilon) break;
    selected.push(selectedItem);
  }
  return selected;
}
