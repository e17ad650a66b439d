/** Leading characters that make a spreadsheet evaluate a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Neutralises a cell a spreadsheet would run as a formula by prefixing a
 * single quote. Plain negative numbers stay numbers: they cannot run anything.
 */
export function guardFormula(cell: string): string {
  if (!FORMULA_START.test(cell) || PLAIN_NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

/** RFC 4180 quoting: quote when the cell holds a comma, quote or line break. */
export function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => cells.map((c) => quoteCell(guardFormula(c ?? ''))).join(',');
  return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

/** Offers a text as a file download. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob(['\ufeff', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
