/**
 * Draws the charts of src/charts (the same functions the HTML reports use) as SVG, so that charts stay crisp,
 * can be read by assistive tools through their description, and can be tested. A page's own charts come drawn
 * from the server (`GET /v1/runs/{id}/charts/...`, see src/server/chart-routes.ts) and are inserted with
 * `showSvg`: loading and running vega-embed (with vega and vega-lite, most of the dashboard's code) took most
 * of a page's load time. Charts drawn in answer to a question (the chance, skill and scenario charts) use
 * `draw`, which loads vega-embed on first use, or earlier when the user turns to the form that asks.
 */
import type { TopLevelSpec } from 'vega-lite';

let loading: Promise<typeof import('vega-embed')> | null = null;

/** Starts loading the chart renderer (idempotent). */
export function preloadCharts(): void {
  loading ??= import('vega-embed');
}

/**
 * Starts loading the chart renderer when the user turns to `form` (the pointer enters it or a control in it
 * gets the focus), so the answer's chart does not wait for it. Not at page load: evaluating the renderer keeps
 * the browser busy for a few hundred milliseconds on a small machine.
 */
export function preloadChartsOnIntent(form: HTMLElement): void {
  const start = () => preloadCharts();
  form.addEventListener('pointerenter', start, { once: true });
  form.addEventListener('focusin', start, { once: true });
}

/**
 * Puts an SVG document drawn by the server into `el` (replacing what it held); `label` names the chart for
 * screen readers. The text is parsed as SVG, never as HTML, and the page's CSP runs no script in it. Throws
 * when the text is not SVG.
 */
export function showSvg(el: HTMLElement, svg: string, label: string): void {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0)
    throw new Error(`the server's chart "${label}" is not SVG`);
  el.replaceChildren(document.importNode(root, true));
  el.setAttribute('role', 'figure');
  el.setAttribute('aria-label', label);
  el.dataset.drawn = 'true';
}

/** Renders `spec` into `el` (replacing what it held); `label` names the chart for screen readers. */
export async function draw(el: HTMLElement, spec: TopLevelSpec, label: string): Promise<void> {
  preloadCharts();
  const { default: embed } = await loading!;
  el.replaceChildren();
  el.setAttribute('role', 'figure');
  el.setAttribute('aria-label', label);
  await embed(el, spec, { renderer: 'svg', actions: false, tooltip: true });
  el.dataset.drawn = 'true';
}
