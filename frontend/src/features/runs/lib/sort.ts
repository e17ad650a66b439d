/** One order_by entry, e.g. "metrics.`val_loss` DESC". */
export interface SortEntry {
  expr: string;
  desc: boolean;
}

export function parseSort(s: string): SortEntry {
  const m = /^(.*?)\s+(ASC|DESC)$/i.exec(s.trim());
  if (!m) return { expr: s.trim(), desc: false };
  return { expr: m[1], desc: m[2].toUpperCase() === 'DESC' };
}

export const formatSort = (e: SortEntry) => `${e.expr} ${e.desc ? 'DESC' : 'ASC'}`;

/** Columns that read best newest/largest first on the first click. */
const descFirst = (expr: string) => /^(attributes\.(start_time|end_time)|metrics\.|min\(|max\()/.test(expr);

/**
 * Next sort after clicking a header. A plain click makes it the only sort
 * (toggling direction if it already was first); shift-click adds it as a
 * further key, toggles it, or removes it on its third click.
 */
export function nextSort(current: SortEntry[], expr: string, additive: boolean): SortEntry[] {
  const i = current.findIndex((e) => e.expr === expr);
  if (!additive) {
    if (i === 0) return [{ expr, desc: !current[0].desc }];
    return [{ expr, desc: descFirst(expr) }];
  }
  if (i < 0) return [...current, { expr, desc: descFirst(expr) }];
  const first = descFirst(expr);
  if (current[i].desc === first) return current.map((e, j) => (j === i ? { expr, desc: !e.desc } : e));
  return current.filter((_, j) => j !== i);
}
