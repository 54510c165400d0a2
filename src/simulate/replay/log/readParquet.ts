import { RebalanceError } from '../../../index.js';
import { joinPath } from '../../../errors/describe.js';
import { recordPath, REPLAY } from '../readRecord.js';
import type { LogEntry } from '../replayUsers.js';

/** Most rows in one row group: the reader holds one row group at a time. */
const MAX_ROW_GROUP_ROWS = 1_000_000;
/** Columns that hold lists: nested Parquet lists, or JSON text. */
const LIST_COLUMNS: readonly string[] = ['candidates', 'served', 'recovery'];

/**
 * Reads a Parquet log with `hyparquet`, one row group at a time, one record per row with its
 * 1-based row number. A row's null columns are left out (a request row has no `dwellMs`);
 * `candidates`, `served` and `recovery` may be nested lists or JSON text; 64-bit integers become
 * numbers. `onBytes` is called after each row group with the compressed bytes read so far.
 *
 * @param path - the file
 * @param onBytes - progress, in bytes of the file
 * @returns the records in file order
 * @throws RebalanceError with code `argument` for a row group too large or a list column that
 *   is not JSON
 * @internal
 */
export async function* readParquet(
  path: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<LogEntry> {
  // Loaded only for Parquet logs: a JSON Lines replay does not load the Parquet reader.
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } =
    await import('hyparquet');
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let row = 0;
  let bytes = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (rows > MAX_ROW_GROUP_ROWS)
      throw new RebalanceError(
        'argument',
        `${REPLAY}: a Parquet row group must hold at most ${MAX_ROW_GROUP_ROWS} rows (got ${rows} from row ${row + 1}); write the log with smaller row groups`,
        recordPath(row + 1),
      );
    const objects = await parquetReadObjects({
      file,
      metadata,
      rowStart: row,
      rowEnd: row + rows,
    });
    for (let i = 0; i < objects.length; i++) {
      const line = row + i + 1;
      yield { value: normalizeRow(objects[i]!, line), line };
    }
    row += rows;
    bytes += Number(group.total_compressed_size ?? group.total_byte_size);
    onBytes(Math.min(bytes, file.byteLength));
  }
}

function normalizeRow(row: Record<string, unknown>, line: number): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(row)) {
    let value = row[key];
    if (value === null || value === undefined) continue;
    if (typeof value === 'bigint') value = Number(value);
    else if (typeof value === 'string' && LIST_COLUMNS.includes(key))
      value = parseList(value, key, line);
    out[key] = value;
  }
  return out;
}

function parseList(text: string, key: string, line: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const path = joinPath(recordPath(line), key);
    throw new RebalanceError(
      'argument',
      `${REPLAY}: ${path} must be a list or JSON text of one (${(error as Error).message})`,
      path,
      { cause: error },
    );
  }
}
