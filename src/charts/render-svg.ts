/**
 * Node-side rendering of the chart specs: Vega-Lite compiles the spec to Vega, and a headless Vega view
 * (renderer 'none': no canvas, no browser) writes the SVG. Kept apart from the spec builders so that the
 * browser bundle does not pull in the view machinery it gets from vega-embed.
 */
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { ForesightError } from '../core/errors.js';
import type { TopLevelSpec } from './spec.js';

/**
 * The SVG text of a Vega-Lite spec. Throws ForesightError('internal') naming the chart when Vega cannot compile
 * or render it (a builder bug, never bad user data: builders drop non-finite values).
 *
 * @example
 * (await renderSvg(fanChart(input))).startsWith('<svg') // true
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  let view: View | undefined;
  try {
    const vega = compile(spec).spec;
    view = new View(parse(vega), { renderer: 'none' });
    return await view.toSVG();
  } catch (e) {
    const title = typeof spec.title === 'string' ? spec.title : (spec.description ?? 'chart');
    throw new ForesightError('internal', `cannot render "${title}": ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    view?.finalize();
  }
}
