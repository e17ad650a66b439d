import type { Entity } from './keys';
import { quoteKey } from './keys';

export interface Completion {
  label: string;
  insert: string;
  detail: string;
}

export interface CompletionResult {
  from: number;
  to: number;
  items: Completion[];
}

export interface KnownKeys {
  metrics: string[];
  params: string[];
  tags: string[];
}

export const ATTRIBUTES = ['run_name', 'run_id', 'status', 'start_time', 'end_time', 'user_id', 'artifact_uri', 'created', 'dataset.name', 'dataset.digest'];

const ENTITY_ALIASES: Record<string, Entity> = {
  metric: 'metrics', metrics: 'metrics',
  param: 'params', params: 'params', parameter: 'params', parameters: 'params',
  tag: 'tags', tags: 'tags',
  attribute: 'attributes', attributes: 'attributes', attr: 'attributes', run: 'attributes',
};

const KEYWORDS = new Set(['and', 'or', 'like', 'ilike', 'in', 'not', 'is', 'null']);
const BOUNDARY = /[\s(,=<>!]/;

function insideString(before: string): boolean {
  let quote: string | null = null;
  for (const ch of before) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
  }
  return quote !== null;
}

function rank(keys: string[], partial: string): string[] {
  const p = partial.toLowerCase();
  const hits = keys.filter((k) => k.toLowerCase().includes(p));
  return hits.sort((a, b) => {
    const as = a.toLowerCase().startsWith(p) ? 0 : 1;
    const bs = b.toLowerCase().startsWith(p) ? 0 : 1;
    return as - bs || a.localeCompare(b);
  });
}

function keysOf(entity: Entity, known: KnownKeys): string[] {
  return entity === 'attributes' ? ATTRIBUTES : known[entity];
}

const detailOf: Record<Entity, string> = { metrics: 'metric', params: 'param', tags: 'tag', attributes: 'attribute' };

/**
 * Suggestions for the MLflow filter box at the cursor: entity prefixes for a
 * bare word, and known keys (backticked when needed) after `metrics.` etc.
 */
export function complete(text: string, cursor: number, known: KnownKeys, limit = 40): CompletionResult | null {
  const before = text.slice(0, cursor);
  if (insideString(before)) return null;
  const m = /([A-Za-z_]+)\.(`[^`]*|[\w.\-/:]*)$|([A-Za-z_]*)$/.exec(before);
  if (!m) return null;
  const from = m.index;
  if (from > 0 && !BOUNDARY.test(before[from - 1])) return null;
  const after = /^[\w.\-/:`]*/.exec(text.slice(cursor))?.[0] ?? '';
  const to = cursor + after.length;

  if (m[1] !== undefined) {
    const entity = ENTITY_ALIASES[m[1].toLowerCase()];
    if (!entity) return null;
    const partial = m[2].replace(/^`/, '');
    const items = rank(keysOf(entity, known), partial)
      .slice(0, limit)
      .map((k) => ({ label: k, insert: `${entity}.${quoteKey(k)}`, detail: detailOf[entity] }));
    return items.length ? { from, to, items } : null;
  }

  const word = m[3] ?? '';
  if (KEYWORDS.has(word.toLowerCase())) return null;
  if (!word) {
    const prev = before.trimEnd();
    if (prev && !/(^|\s)(and|or)$/i.test(prev) && !prev.endsWith('(')) return null;
  }
  const w = word.toLowerCase();
  const prefixes: Completion[] = (['metrics', 'params', 'tags', 'attributes'] as const)
    .filter((e) => e.startsWith(w))
    .map((e) => ({ label: `${e}.`, insert: `${e}.`, detail: 'prefix' }));
  const direct: Completion[] = [];
  if (w.length >= 2) {
    for (const entity of ['metrics', 'params', 'tags'] as const) {
      for (const k of known[entity]) {
        if (k.toLowerCase().startsWith(w)) direct.push({ label: `${entity}.${k}`, insert: `${entity}.${quoteKey(k)}`, detail: detailOf[entity] });
      }
    }
  }
  const items = [...prefixes, ...direct].slice(0, limit);
  return items.length ? { from, to, items } : null;
}

/** Applies a completion; returns the new text and cursor. */
export function applyCompletion(text: string, r: CompletionResult, c: Completion): { text: string; cursor: number } {
  const next = text.slice(0, r.from) + c.insert + text.slice(r.to);
  return { text: next, cursor: r.from + c.insert.length };
}
