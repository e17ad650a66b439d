import { describe, expect, it } from 'vitest';
import { applyCompletion, complete } from './completion';

const keys = { metrics: ['val_loss', 'val_acc', 'f1/macro', 'train loss'], params: ['lr', 'optimizer/lr', 'model'], tags: ['team', 'mlflow.source.name'] };

describe('filter completion', () => {
  it('suggests entity prefixes for a bare word', () => {
    const r = complete('me', 2, keys)!;
    expect(r.items[0]).toMatchObject({ insert: 'metrics.' });
    expect(r.from).toBe(0);
  });

  it('suggests metric keys after metrics. and backticks keys with special characters', () => {
    const r = complete('metrics.', 8, keys)!;
    const inserts = r.items.map((i) => i.insert);
    expect(inserts).toContain('metrics.val_loss');
    expect(inserts).toContain('metrics.`f1/macro`');
    expect(inserts).toContain('metrics.`train loss`');
  });

  it('filters by what was typed, prefix matches first', () => {
    const r = complete('params.lr', 9, keys)!;
    expect(r.items.map((i) => i.label)).toEqual(['lr', 'optimizer/lr']);
  });

  it('continues inside an opened backtick', () => {
    const text = 'metrics.`f1';
    const r = complete(text, text.length, keys)!;
    expect(r.items[0].insert).toBe('metrics.`f1/macro`');
    expect(applyCompletion(text, r, r.items[0]).text).toBe('metrics.`f1/macro`');
  });

  it('completes the second clause and replaces only the token', () => {
    const text = "params.model = 'rf' and tags.te";
    const r = complete(text, text.length, keys)!;
    expect(r.items[0].insert).toBe('tags.team');
    expect(applyCompletion(text, r, r.items[0])).toEqual({ text: "params.model = 'rf' and tags.team", cursor: text.length + 2 });
  });

  it('offers attributes', () => {
    const r = complete('attributes.st', 13, keys)!;
    expect(r.items.map((i) => i.label).slice(0, 2)).toEqual(['start_time', 'status']);
  });

  it('stays quiet inside string literals, after values and on keywords', () => {
    expect(complete("params.model = 'me", 18, keys)).toBeNull();
    expect(complete('metrics.val_loss < 0.3', 22, keys)).toBeNull();
    expect(complete('metrics.val_loss < 0.3 and', 26, keys)).toBeNull();
    expect(complete('unknown.x', 9, keys)).toBeNull();
  });

  it('accepts singular aliases like metric. and param.', () => {
    expect(complete('metric.val', 10, keys)!.items[0].insert).toBe('metrics.val_acc');
  });
});
