import { useEffect, useRef, useState, type ReactNode } from 'react';

/** A button that opens a menu below it; a click outside or Escape closes it. */
export function Popover({ trigger, children, align = 'left', className = 'btn', title, testId }: {
  trigger: ReactNode;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
  className?: string;
  title?: string;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div ref={ref} style={{ position: 'relative', display: 'inline-flex' }}>
      <button type="button" className={className} title={title} aria-expanded={open} data-testid={testId} onClick={() => setOpen((o) => !o)}>
        {trigger}
      </button>
      {open && (
        <div className="menu" style={{ top: 'calc(100% + 4px)', [align]: 0 }}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
