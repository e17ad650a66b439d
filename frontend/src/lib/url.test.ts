import { describe, expect, it } from 'vitest';
import { commitUrl, safeHttpUrl } from './url';

describe('safe links', () => {
  it('accepts http(s), converts git@ remotes, refuses other schemes', () => {
    expect(safeHttpUrl('https://github.com/acme/churn.git')).toBe('https://github.com/acme/churn');
    expect(safeHttpUrl('git@github.com:acme/churn.git')).toBe('https://github.com/acme/churn');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('file:///etc/passwd')).toBeUndefined();
    expect(safeHttpUrl('https://user:pw@host/x')).toBe('https://host/x');
  });
  it('builds commit links only for hex shas', () => {
    expect(commitUrl('git@github.com:a/b.git', 'abcdef1')).toBe('https://github.com/a/b/commit/abcdef1');
    expect(commitUrl('https://github.com/a/b', 'not-a-sha')).toBeUndefined();
  });
});
