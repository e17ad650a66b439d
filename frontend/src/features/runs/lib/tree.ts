import type { RunRow } from '../../../api/types';

export interface TreeRow {
  row: RunRow;
  depth: number;
  childCount: number;
  expanded: boolean;
}

/**
 * Nests runs under their parent (when the parent is loaded too), keeping the
 * listing's order, and flattens the tree as shown: children only under an
 * expanded parent. Runs caught in a parent cycle are shown at the top level.
 */
export function flattenTree(rows: RunRow[], expanded: ReadonlySet<string>): TreeRow[] {
  const ids = new Set(rows.map((r) => r.info.run_id));
  const children = new Map<string, RunRow[]>();
  const roots: RunRow[] = [];
  for (const r of rows) {
    const p = r.parentRunId;
    if (p && p !== r.info.run_id && ids.has(p)) {
      const list = children.get(p);
      if (list) list.push(r);
      else children.set(p, [r]);
    } else roots.push(r);
  }
  const reachable = new Set<string>();
  const mark = (id: string) => {
    if (reachable.has(id)) return;
    reachable.add(id);
    for (const c of children.get(id) ?? []) mark(c.info.run_id);
  };
  roots.forEach((r) => mark(r.info.run_id));
  for (const r of rows) {
    if (!reachable.has(r.info.run_id)) {
      roots.push(r);
      mark(r.info.run_id);
    }
  }

  const out: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (r: RunRow, depth: number) => {
    const id = r.info.run_id;
    if (seen.has(id)) return;
    seen.add(id);
    const kids = children.get(id) ?? [];
    const open = expanded.has(id);
    out.push({ row: r, depth, childCount: kids.length, expanded: open });
    if (open) kids.forEach((k) => visit(k, depth + 1));
  };
  roots.forEach((r) => visit(r, 0));
  return out;
}
