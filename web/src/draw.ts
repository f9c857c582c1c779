/**
 * Draws a Vega-Lite spec built by src/charts (the same functions the HTML reports use) with vega-embed, as SVG
 * so that charts stay crisp, can be read by assistive tools through their description, and can be tested.
 */
import embed from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';

/** Renders `spec` into `el` (replacing what it held); `label` names the chart for screen readers. */
export async function draw(el: HTMLElement, spec: TopLevelSpec, label: string): Promise<void> {
  el.replaceChildren();
  el.setAttribute('role', 'figure');
  el.setAttribute('aria-label', label);
  await embed(el, spec, { renderer: 'svg', actions: false, tooltip: true });
  el.dataset.drawn = 'true';
}
