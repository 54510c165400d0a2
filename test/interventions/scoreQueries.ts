/** One labelled search query of `test/fixtures/queries/queries.json`. */
export interface LabelledQuery {
  readonly query: string;
  /** The group interceptQuery should answer, or null. */
  readonly expected: string | null;
  readonly language: string;
  readonly category: string;
}

/** The groups whose searches are crisis searches. */
export const CRISIS_GROUPS: ReadonlySet<string> = new Set(['suicide', 'self-harm']);

/**
 * Precision and recall of crisis answers on labelled queries. A crisis query counts as found
 * only when answered with its own group (a crisis query answered with the other crisis group is
 * a miss, and a false answer); precision is the share of crisis answers that are right, so a
 * benign query answered with a crisis group is a false alarm.
 */
export function scoreQueries(
  queries: readonly LabelledQuery[],
  groupOf: (query: string) => string | null,
): { precision: number; recall: number; missed: string[]; falseAlarms: string[] } {
  let positives = 0;
  let answered = 0;
  let correct = 0;
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  for (const q of queries) {
    const got = groupOf(q.query);
    const crisis = q.expected !== null && CRISIS_GROUPS.has(q.expected);
    if (crisis) positives++;
    if (got !== null && CRISIS_GROUPS.has(got)) {
      answered++;
      if (got === q.expected) correct++;
      else falseAlarms.push(`${q.query} → ${got} (expected ${String(q.expected)})`);
    }
    if (crisis && got !== q.expected) missed.push(`${q.query} → ${String(got)}`);
  }
  return {
    precision: answered === 0 ? 1 : correct / answered,
    recall: positives === 0 ? 1 : correct / positives,
    missed,
    falseAlarms,
  };
}
