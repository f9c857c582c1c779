/**
 * Reading rendered chart SVG back: the marks of a named layer and the vertices of their paths. The reports'
 * tests and the dashboard's browser tests use it to check that a chart drew what it was given.
 */

/**
 * The `d` attributes of the paths (and the count of rects, symbols and lines) inside the group of the mark
 * named `name` (Vega gives it the class `<name>_marks`). Plain text scanning: Vega's SVG output nests mark
 * items directly inside their group, without further groups.
 *
 * @example
 * markPaths(svg, 'history').length // 1 (one line)
 */
export function markPaths(svg: string, name: string): { paths: string[]; items: number } {
  const open = new RegExp(`<g class="[^"]*\\b${name}_marks\\b[^"]*"[^>]*>`, 'g');
  const paths: string[] = [];
  let items = 0;
  for (const m of svg.matchAll(open)) {
    let depth = 1;
    let i = m.index! + m[0].length;
    const tag = /<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g;
    tag.lastIndex = i;
    let t: RegExpExecArray | null;
    while (depth > 0 && (t = tag.exec(svg))) {
      const [, close, el, attrs, selfClose] = t;
      if (el === 'g') depth += close ? -1 : selfClose ? 0 : 1;
      else if (!close && ['path', 'rect', 'line', 'circle'].includes(el) && !/class="background"/.test(attrs)) {
        items++;
        const d = /\sd="([^"]*)"/.exec(attrs);
        if (el === 'path' && d) paths.push(d[1]);
      }
      i = tag.lastIndex;
    }
  }
  return { paths, items };
}

/**
 * Number of vertices of an SVG path made of M/L commands (what Vega writes for linear lines and areas).
 *
 * @example
 * pathVertices('M0,1L2,3L4,5') // 3
 */
export function pathVertices(d: string): number {
  return (d.match(/[ML]/g) ?? []).length;
}
