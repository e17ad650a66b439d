import { useMemo, useState } from 'react';
import type { KeyValue } from '../../../api/types';
import { CopyButton } from '../../../components/CopyButton';
import { Icon } from '../../../components/Icon';
import { Empty } from '../../../components/States';

/** A searchable key/value table for params and tags. Values stay text. */
export function KVTable({ items, emptyTitle, testId, extra }: { items: KeyValue[]; emptyTitle: string; testId: string; extra?: React.ReactNode }) {
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const n = q.trim().toLowerCase();
    return [...items].filter((kv) => !n || kv.key.toLowerCase().includes(n) || kv.value.toLowerCase().includes(n)).sort((a, b) => a.key.localeCompare(b.key));
  }, [items, q]);
  return (
    <div className="col" style={{ gap: 10 }}>
      <div className="row">
        <div className="search-box">
          <Icon name="search" className="muted" />
          <input className="input" placeholder="Search keys and values" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search" />
        </div>
        <span className="muted small">{rows.length} of {items.length}</span>
        <div className="grow" />
        {extra}
      </div>
      {rows.length === 0 ? (
        <Empty title={items.length ? 'Nothing matches' : emptyTitle} />
      ) : (
        <div className="card">
          <table className="table" data-testid={testId}>
            <thead>
              <tr><th style={{ width: '32%' }}>Key</th><th>Value</th><th style={{ width: 36 }} /></tr>
            </thead>
            <tbody>
              {rows.map((kv) => (
                <tr key={kv.key}>
                  <td className="key">{kv.key}</td>
                  <td className="val">{kv.value === '' ? <span className="muted">(empty)</span> : kv.value}</td>
                  <td><CopyButton text={kv.value} label="Copy value" /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
