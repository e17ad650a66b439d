import type { ColumnDef } from './columns';
import { csvHeader } from './columns';
import type { TreeRow } from './tree';
import { toCsv } from '../../../lib/csv';

/** The visible table as CSV: visible columns, rows in their shown order. */
export function runsCsv(defs: ColumnDef[], rows: TreeRow[]): string {
  return toCsv(
    ['run_id', ...defs.map(csvHeader)],
    rows.map((t) => [t.row.info.run_id, ...defs.map((d) => d.csv(t.row))]),
  );
}
