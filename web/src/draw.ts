/**
 * Draws a Vega-Lite spec built by src/charts (the same functions the HTML reports use) with vega-embed, as SVG
 * so that charts stay crisp, can be read by assistive tools through their description, and can be tested.
 * vega-embed (with vega and vega-lite, most of the dashboard's code) is loaded on first use, so pages without
 * charts do not wait for it; pages with charts start loading it while they ask the API.
 */
import type { TopLevelSpec } from 'vega-lite';

let loading: Promise<typeof import('vega-embed')> | null = null;

/** Starts loading the chart renderer (idempotent). */
export function preloadCharts(): void {
  loading ??= import('vega-embed');
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
