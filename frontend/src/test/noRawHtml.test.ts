import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(tsx?|jsx?)$/.test(f) ? [p] : [];
  });
}

describe('user content stays inert', () => {
  const src = join(__dirname, '..');
  const all = files(src).filter((f) => !f.endsWith('noRawHtml.test.ts'));
  it('no dangerouslySetInnerHTML, innerHTML or rehype-raw anywhere in src', () => {
    const bad = all.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|rehype-raw|document\.write/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
  it('no eval-like calls', () => {
    const bad = all.filter((f) => /\beval\(|new Function\(/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
