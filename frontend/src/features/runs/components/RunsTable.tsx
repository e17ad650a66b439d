import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { Icon } from '../../../components/Icon';
import { StatusPill } from '../../../components/StatusPill';
import { paths } from '../../../lib/paths';
import type { Agg, ColumnDef } from '../lib/columns';
import type { SortEntry } from '../lib/sort';
import type { TreeRow } from '../lib/tree';

const ROW_H = 30;
const SELECT_W = 36;

export interface RunsTableProps {
  sourceId: string;
  rows: TreeRow[];
  defs: ColumnDef[];
  sort: SortEntry[];
  selected: ReadonlySet<string>;
  cursor: string;
  onSort(expr: string, additive: boolean): void;
  onToggleSelect(id: string): void;
  onToggleAll(): void;
  onCursor(id: string): void;
  onOpen(id: string): void;
  onToggleExpand(id: string): void;
  onAgg(key: string, agg: Agg): void;
  onNearEnd(): void;
}

function isTyping(t: EventTarget | null) {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The runs grid: virtualised rows, sortable headers, keyboard navigation. */
export function RunsTable(p: RunsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: p.rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 16 });
  const template = useMemo(() => `${SELECT_W}px ${p.defs.map((d) => `${d.width}px`).join(' ')} minmax(24px, 1fr)`, [p.defs]);
  const totalW = SELECT_W + p.defs.reduce((s, d) => s + d.width, 0) + 24;
  const items = v.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : 0;
  const cursorIndex = useMemo(() => p.rows.findIndex((r) => r.row.info.run_id === p.cursor), [p.rows, p.cursor]);
  const allSelected = p.rows.length > 0 && p.rows.every((r) => p.selected.has(r.row.info.run_id));

  const { onNearEnd } = p;
  useEffect(() => {
    if (p.rows.length && lastIndex >= p.rows.length - 40) onNearEnd();
  }, [lastIndex, p.rows.length, onNearEnd]);

  // Keyboard: j/k or arrows move the cursor, Enter opens, x/space toggles selection.
  const keyState = useRef({ rows: p.rows, cursorIndex, p });
  keyState.current = { rows: p.rows, cursorIndex, p };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('.overlay')) return;
      const { rows, cursorIndex: ci, p: props } = keyState.current;
      if (!rows.length) return;
      let next = -1;
      if (e.key === 'ArrowDown' || e.key === 'j') next = Math.min(rows.length - 1, ci + 1);
      else if (e.key === 'ArrowUp' || e.key === 'k') next = Math.max(0, ci < 0 ? 0 : ci - 1);
      else if (e.key === 'Enter' && ci >= 0) {
        props.onOpen(rows[ci].row.info.run_id);
        e.preventDefault();
        return;
      } else if ((e.key === 'x' || e.key === ' ') && ci >= 0) {
        props.onToggleSelect(rows[ci].row.info.run_id);
        e.preventDefault();
        return;
      } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && ci >= 0 && rows[ci].childCount > 0) {
        if ((e.key === 'ArrowRight') !== rows[ci].expanded) props.onToggleExpand(rows[ci].row.info.run_id);
        e.preventDefault();
        return;
      }
      if (next < 0) return;
      e.preventDefault();
      props.onCursor(rows[next].row.info.run_id);
      v.scrollToIndex(next, { align: 'auto' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [v]);

  return (
    <div className="runs-grid" ref={scrollRef} data-testid="runs-table" role="grid" aria-rowcount={p.rows.length}>
      <div style={{ width: totalW, minWidth: '100%' }}>
        <div className="rg-head" style={{ gridTemplateColumns: template }} role="row">
          <div className="rg-cell rg-select">
            <input type="checkbox" aria-label="Select all runs" checked={allSelected} onChange={p.onToggleAll} />
          </div>
          {p.defs.map((d) => (
            <HeaderCell key={d.id} def={d} sort={p.sort} onSort={p.onSort} onAgg={p.onAgg} />
          ))}
          <div />
        </div>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const t = p.rows[it.index];
            const id = t.row.info.run_id;
            const isCursor = it.index === cursorIndex;
            return (
              <div
                key={id}
                role="row"
                data-testid="run-row"
                data-run-id={id}
                aria-selected={isCursor}
                className={`rg-row ${isCursor ? 'cursor' : ''} ${p.selected.has(id) ? 'picked' : ''} ${t.depth ? 'child' : ''}`}
                style={{ transform: `translateY(${it.start}px)`, gridTemplateColumns: template }}
                onClick={() => p.onCursor(id)}
                onDoubleClick={() => p.onOpen(id)}
              >
                <div className="rg-cell rg-select" onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" aria-label={`Select run ${id}`} checked={p.selected.has(id)} onChange={() => p.onToggleSelect(id)} />
                </div>
                {p.defs.map((d) => (
                  <Cell key={d.id} def={d} t={t} sourceId={p.sourceId} onToggleExpand={p.onToggleExpand} />
                ))}
                <div />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function HeaderCell({ def, sort, onSort, onAgg }: { def: ColumnDef; sort: SortEntry[]; onSort(expr: string, add: boolean): void; onAgg(key: string, agg: Agg): void }) {
  const i = def.orderBy ? sort.findIndex((s) => s.expr === def.orderBy) : -1;
  const implicitStart = sort.length === 0 && def.id === 'start';
  const dir = i >= 0 ? (sort[i].desc ? 'desc' : 'asc') : implicitStart ? 'desc' : null;
  const sortable = !!def.orderBy;
  return (
    <div
      role="columnheader"
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
      className={`rg-cell rg-h ${sortable ? 'sortable' : ''} ${dir ? 'sorted' : ''} grp-${def.group} ${def.align === 'right' ? 'num' : ''}`}
      title={sortable ? `${def.group === 'attribute' ? def.label : def.group + ' ' + def.label} — click to sort, shift-click to add` : def.label}
      data-testid={`col-${def.id}`}
      onClick={(e) => sortable && def.orderBy && onSort(def.orderBy, e.shiftKey)}
    >
      {def.group !== 'attribute' && <span className={`grp-dot grp-${def.group}`} />}
      <span className="ellipsis">{def.label}</span>
      {def.picked?.kind === 'metric' && (
        <select
          className="agg"
          aria-label={`Aggregate for ${def.label}`}
          value={def.picked.agg ?? 'last'}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => onAgg(def.picked!.key, e.target.value as Agg)}
        >
          <option value="last">last</option>
          <option value="min">min</option>
          <option value="max">max</option>
        </select>
      )}
      {dir && (
        <span className="sort-ind">
          <Icon name={dir === 'asc' ? 'chevronUp' : 'chevronDown'} size={11} />
          {sort.length > 1 && i >= 0 && <sub>{i + 1}</sub>}
        </span>
      )}
    </div>
  );
}

function Cell({ def, t, sourceId, onToggleExpand }: { def: ColumnDef; t: TreeRow; sourceId: string; onToggleExpand(id: string): void }) {
  const r = t.row;
  if (def.id === 'name') {
    return (
      <div className="rg-cell name-cell" style={{ paddingLeft: 8 + t.depth * 18 }}>
        {t.childCount > 0 ? (
          <button
            type="button"
            className="expander"
            aria-label={t.expanded ? 'Collapse child runs' : 'Expand child runs'}
            aria-expanded={t.expanded}
            onClick={(e) => {
              e.stopPropagation();
              onToggleExpand(r.info.run_id);
            }}
          >
            <Icon name={t.expanded ? 'chevronDown' : 'chevronRight'} size={12} />
          </button>
        ) : (
          <span className="expander-pad" />
        )}
        <Link to={paths.run(sourceId, r.info.run_id)} className="ellipsis run-link" title={def.text(r)} onClick={(e) => e.stopPropagation()}>
          {def.text(r)}
        </Link>
        {t.childCount > 0 && <span className="child-count">{t.childCount}</span>}
        {r.info.lifecycle_stage === 'deleted' && <span className="pill err plain">deleted</span>}
      </div>
    );
  }
  if (def.id === 'status') {
    return (
      <div className="rg-cell pill-cell">
        <StatusPill status={r.info.status} />
      </div>
    );
  }
  const text = def.text(r);
  return (
    <div className={`rg-cell ${def.align === 'right' ? 'num' : ''} ${def.group !== 'attribute' || def.id === 'commit' ? 'mono' : ''}`} title={def.csv(r) || undefined}>
      {text}
    </div>
  );
}
