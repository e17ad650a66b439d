import { describe, expect, it } from 'vitest';
import { guardFormula, quoteCell, toCsv } from './csv';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(quoteCell('plain')).toBe('plain');
    expect(quoteCell('a,b')).toBe('"a,b"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(guardFormula('=1+1')).toBe("'=1+1");
    expect(guardFormula('+cmd')).toBe("'+cmd");
    expect(guardFormula('-2+3')).toBe("'-2+3");
    expect(guardFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(guardFormula('\t=1')).toBe("'\t=1");
  });

  it('keeps plain numbers, including negative ones, as numbers', () => {
    expect(guardFormula('-0.25')).toBe('-0.25');
    expect(guardFormula('-1e-5')).toBe('-1e-5');
    expect(guardFormula('0.9')).toBe('0.9');
  });

  it('writes header and rows, guarding before quoting', () => {
    const csv = toCsv(['name', 'note'], [['=cmd|calc', 'a,"b"'], ['ok', '']]);
    expect(csv).toBe('name,note\r\n\'=cmd|calc,"a,""b"""\r\nok,\r\n');
  });
});
