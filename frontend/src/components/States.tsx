import type { ReactNode } from 'react';
import { decodeError } from '../api/errors';
import { Icon } from './Icon';

export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  const e = decodeError(error);
  return (
    <div className="alert" role="alert">
      <Icon name="alert" />
      <div className="col" style={{ gap: 2 }}>
        {title && <strong>{title}</strong>}
        <span className="mono">{e.message}</span>
        {e.code && e.code !== 'INTERNAL_ERROR' && <span className="xs" style={{ opacity: 0.75 }}>{e.code}</span>}
      </div>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h3>{title}</h3>
      {children && <div className="small">{children}</div>}
    </div>
  );
}

export function Loading({ rows = 6 }: { rows?: number }) {
  return (
    <div className="col" style={{ padding: 16, gap: 10 }} aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}
