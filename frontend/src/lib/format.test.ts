import { describe, expect, it } from 'vitest';
import { formatDuration, formatValue, toNumber } from './format';

describe('format', () => {
  it('reads MLflow non-finite strings', () => {
    expect(toNumber('NaN')).toBeNaN();
    expect(toNumber('Infinity')).toBe(Infinity);
    expect(toNumber('-Infinity')).toBe(-Infinity);
    expect(formatValue('NaN')).toBe('NaN');
    expect(formatValue('-Infinity')).toBe('−∞');
    expect(formatValue(0.123456789)).toBe('0.123457');
    expect(formatValue(42)).toBe('42');
  });
  it('formats durations', () => {
    expect(formatDuration(1000, 1500)).toBe('500ms');
    expect(formatDuration(0, 5000)).toBe('');
    expect(formatDuration(1, 1 + 83_000)).toBe('1m 23s');
    expect(formatDuration(1, 1 + 3 * 3600_000 + 60_000)).toBe('3h 01m');
  });
});
