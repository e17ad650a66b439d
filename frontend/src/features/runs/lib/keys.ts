/** Keys that MLflow's filter grammar accepts without backticks. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes a metric/param/tag key for MLflow's filter and order_by syntax. */
export function quoteKey(key: string): string {
  return PLAIN.test(key) ? key : '`' + key + '`';
}

export type Entity = 'metrics' | 'params' | 'tags' | 'attributes';

export function field(entity: Entity, key: string): string {
  return `${entity}.${quoteKey(key)}`;
}
