/**
 * A column of a plain-text table.
 *
 * @internal
 */
export interface TextColumn {
  readonly header: string;
  /** Numbers read best right-aligned, names left-aligned. */
  readonly align: 'left' | 'right';
}

/**
 * Lays out rows as a fixed-width text table: a header, a rule, then the rows, columns separated
 * by two spaces, trailing spaces trimmed. Widths count UTF-16 code units, which is the display
 * width for the characters the report uses (letters, digits, `—`, `−`, `Δ`, `%`).
 *
 * @internal
 */
export function renderTextTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((c, j) =>
    rows.reduce((w, row) => Math.max(w, (row[j] ?? '').length), c.header.length),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, j) => {
        const cell = cells[j] ?? '';
        const width = widths[j]!;
        return c.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (let i = 0; i < rows.length; i++) out.push(line(rows[i]!));
  return out.join('\n') + '\n';
}
