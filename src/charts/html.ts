/**
 * The pieces of the self-contained HTML reports: escaping, a page with inline CSS (no scripts, no fonts, no
 * network), tables and chart figures. Every text that comes from the user's data (series ids, model names,
 * file names, warnings) goes through {@link escapeHtml}.
 */

/**
 * Text made safe for HTML content and attribute values.
 *
 * @example
 * escapeHtml('<a href="x">&') // '&lt;a href=&quot;x&quot;&gt;&amp;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 60px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 36px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 22px 0 6px; } p.meta { color: #555; margin: 0 0 16px; }
table { border-collapse: collapse; margin: 8px 0 14px; font-variant-numeric: tabular-nums; font-size: 13px; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 10px 3px 0; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; } th { font-weight: 600; border-bottom: 1px solid #999; }
figure.chart { margin: 10px 0 18px; overflow-x: auto; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 13px; }
ul.warnings li { margin: 2px 0; } .warn { color: #8a4b00; } .muted { color: #777; }
nav ul { columns: 3; padding-left: 18px; } .claim { background: #f4f6f9; border-left: 4px solid #4c78a8; padding: 8px 12px; margin: 10px 0; }
`;

/** A complete HTML page: the title, the inline style sheet and the body (already HTML). */
export function htmlPage(title: string, body: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`
  );
}

/** A table; header and cells are plain text (escaped here). The first column is left-aligned. */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  const head = `<tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const cap = caption ? `<caption class="muted">${escapeHtml(caption)}</caption>` : '';
  return `<table>${cap}\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/**
 * A chart figure: the rendered SVG (from renderSvg, whose text Vega has escaped) with a `data-chart` kind for
 * tests and a caption.
 */
export function htmlFigure(kind: string, svg: string, caption?: string): string {
  const cap = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure class="chart" data-chart="${escapeHtml(kind)}">\n${svg}\n${cap}</figure>`;
}

/** A paragraph of plain text. */
export function htmlParagraph(text: string, className?: string): string {
  return `<p${className ? ` class="${escapeHtml(className)}"` : ''}>${escapeHtml(text)}</p>`;
}

/** An anchor id for a section named by user text (a series id): letters, digits and dashes only, unique by index. */
export function anchorId(prefix: string, index: number, text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${prefix}-${index}${slug ? '-' + slug : ''}`;
}
