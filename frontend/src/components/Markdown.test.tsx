import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Markdown } from './Markdown';

describe('Markdown is inert', () => {
  it('renders script and img-onerror HTML as text, never as elements', () => {
    const alert = vi.fn();
    window.alert = alert;
    const { container } = render(<Markdown text={'Note <script>alert(1)</script> and <img src=x onerror=alert(1)>'} />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(alert).not.toHaveBeenCalled();
  });

  it('drops javascript: links and opens others safely', () => {
    const { container } = render(<Markdown text={'[bad](javascript:alert(1)) [good](https://example.com)'} />);
    const links = [...container.querySelectorAll('a')];
    expect(links.every((a) => !(a.getAttribute('href') ?? '').startsWith('javascript'))).toBe(true);
    const good = links.find((a) => a.textContent === 'good')!;
    expect(good.getAttribute('rel')).toBe('noopener noreferrer');
    expect(good.getAttribute('target')).toBe('_blank');
  });

  it('still renders GFM: tables and code', () => {
    const { container } = render(<Markdown text={'| a | b |\n|---|---|\n| 1 | 2 |\n\n`x`'} />);
    expect(container.querySelector('table')).not.toBeNull();
    expect(container.querySelector('code')?.textContent).toBe('x');
  });
});
