/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.
 */

/**
 * Formats rows under a header.
 *
 * @example
 * formatTable(['model', 'sMAPE'], [['naive', '8.1']]) // 'model  sMAPE\nnaive    8.1'
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+(e[-+]?\d+)?%?$|^-$|^$/.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[], isHeader: boolean) =>
    cells
      .map((c, i) =>
        numeric[i] && !isHeader ? c.padStart(widths[i]) : numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [line(header, true), ...rows.map((r) => line(r, false))].join('\n');
}

/**
 * A number with `digits` significant digits, or '-' when it is not finite.
 *
 * @example
 * fmt(2.34567, 3) // '2.35'
 */
export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return Number(value.toPrecision(digits)).toString();
}

/**
 * A large amount in compact form: 1.23e9 -> '1.23B'.
 *
 * @example
 * compact(61_234_000_000) // '61.23B'
 */
export function compact(value: number): string {
  if (!Number.isFinite(value)) return '-';
  const a = Math.abs(value);
  const [div, unit] =
    a >= 1e12 ? [1e12, 'T'] : a >= 1e9 ? [1e9, 'B'] : a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'k'] : [1, ''];
  return `${(value / div).toFixed(2)}${unit}`;
}
