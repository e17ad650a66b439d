import { useEffect, useMemo, useRef, useState } from 'react';
import { Icon } from '../../../components/Icon';
import { applyCompletion, complete, type KnownKeys } from '../lib/completion';

/**
 * The MLflow filter box: Enter applies, `/` anywhere focuses it, and known
 * metric/param/tag/attribute keys complete as you type.
 */
export function FilterBox({ initial, onApply, keys, error }: { initial: string; onApply: (f: string) => void; keys: KnownKeys; error?: string }) {
  const [text, setText] = useState(initial);
  const [cursor, setCursor] = useState(initial.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      e.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const suggestions = useMemo(() => (open ? complete(text, cursor, keys) : null), [open, text, cursor, keys]);
  const idx = suggestions ? Math.min(active, suggestions.items.length - 1) : 0;

  const accept = (i: number) => {
    if (!suggestions) return;
    const r = applyCompletion(text, suggestions, suggestions.items[i]);
    setText(r.text);
    setCursor(r.cursor);
    setActive(0);
    requestAnimationFrame(() => ref.current?.setSelectionRange(r.cursor, r.cursor));
  };

  return (
    <div className="filter-wrap grow">
      <div className={`filter-box ${error ? 'has-error' : ''}`}>
        <Icon name="filter" className="muted" />
        <input
          ref={ref}
          className="filter-input mono"
          data-testid="filter-input"
          aria-label="Filter runs (MLflow syntax)"
          spellCheck={false}
          autoComplete="off"
          placeholder={"Filter runs: metrics.val_loss < 0.3 and params.model = 'rf'"}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setCursor(e.target.selectionStart ?? e.target.value.length);
            setOpen(true);
            setActive(0);
          }}
          onSelect={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => {
            if (suggestions && suggestions.items.length > 0) {
              if (e.key === 'ArrowDown') { setActive((i) => (i + 1) % suggestions.items.length); e.preventDefault(); return; }
              if (e.key === 'ArrowUp') { setActive((i) => (i - 1 + suggestions.items.length) % suggestions.items.length); e.preventDefault(); return; }
              if (e.key === 'Tab' || (e.key === 'Enter' && open && active >= 0 && suggestions.items[idx].insert !== text.slice(suggestions.from, suggestions.to))) {
                accept(idx);
                e.preventDefault();
                return;
              }
            }
            if (e.key === 'Enter') {
              setOpen(false);
              onApply(text);
              e.preventDefault();
            } else if (e.key === 'Escape') {
              if (open && suggestions) setOpen(false);
              else ref.current?.blur();
            }
          }}
        />
        {text && (
          <button type="button" className="btn ghost icon sm" aria-label="Clear filter" onMouseDown={(e) => e.preventDefault()} onClick={() => { setText(''); onApply(''); }}>
            <Icon name="x" size={12} />
          </button>
        )}
        <span className="kbd">/</span>
      </div>
      {suggestions && suggestions.items.length > 0 && (
        <div className="menu completion" role="listbox" data-testid="filter-suggestions">
          {suggestions.items.map((c, i) => (
            <button
              type="button"
              key={c.insert + c.detail}
              role="option"
              aria-selected={i === idx}
              className={`menu-item ${i === idx ? 'active' : ''}`}
              onMouseDown={(e) => { e.preventDefault(); accept(i); }}
            >
              <span className="mono grow ellipsis">{c.label}</span>
              <span className="xs muted">{c.detail}</span>
            </button>
          ))}
        </div>
      )}
      {error && (
        <div className="filter-error" role="alert" data-testid="filter-error">
          <Icon name="alert" size={12} /> <span className="mono">{error}</span>
        </div>
      )}
    </div>
  );
}
