/**
 * The scaling page: the three claims of the README's worked example, checked on the latest stored scaling fit
 * (`npm start` fits the bundled Chinchilla training runs): the loss-vs-compute frontier with the fitted laws and
 * their comparison (claim 1, the logarithmic form), the compute that k x the parameters needs (claim 2) and what
 * k x the compute buys (claim 3), each with bootstrap intervals from POST /v1/scaling/ask.
 */
import type { ScalingFitFile } from '../../../src/scaling/fit-file.js';
import { api, type Run } from '../api.js';
import { field, formatNumber, formatTime, h } from '../dom.js';
import { showSvg } from '../draw.js';
import { errorBox } from '../ui.js';

interface Estimate {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
}

const est = (e: Estimate | undefined, digits = 3) =>
  e
    ? `${formatNumber(e.estimate, digits)} (${formatNumber(e.lower, digits)} to ${formatNumber(e.upper, digits)})`
    : '—';

interface ComparisonRow {
  form: string;
  equation: string;
  nobs: number;
  criteria: { aic: number; bic: number };
  akaikeWeight: number;
  heldOut?: { rmse: number };
}

export async function scalingPage(root: HTMLElement, id: string | undefined): Promise<void> {
  root.append(h('h1', {}, 'Scaling economics'));
  const fitId = id ?? (await api.runs(200)).runs.find((r) => r.kind === 'scaling-fit' && r.status === 'succeeded')?.id;
  // the server draws the frontier (src/server/chart-routes.ts) while the page reads the fit and asks it below
  const frontier = fitId ? api.frontierChart(fitId) : null;
  frontier?.catch(() => undefined); // awaited below, once the page knows the run
  const run: Run | undefined = fitId ? await api.run(fitId) : undefined;
  if (!run || !run.result) {
    root.append(
      h(
        'p',
        {},
        'No scaling fit stored yet: `npm start` fits the bundled Chinchilla runs on first start, or POST /v1/scaling/fit.',
      ),
    );
    return;
  }
  const fit = run.result as ScalingFitFile & { comparison?: { rows?: ComparisonRow[] } };
  const spec = run.spec as { loss?: number[] };
  root.append(
    h(
      'p',
      { class: 'meta' },
      `Fit ${run.id} of ${spec.loss?.length ?? 0} training runs, ${formatTime(run.createdAt)}; intervals are ${fit.level}% bootstrap intervals.`,
    ),
  );

  const chart = h('div', { class: 'chart', id: 'frontier-chart' });
  const rows = fit.comparison?.rows ?? [];
  root.append(
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'claim1' },
      h('h2', { id: 'claim1' }, 'Claim 1: performance grows like c·ln(x + 1) in compute'),
      chart,
      rows.length
        ? h(
            'table',
            { class: 'list', id: 'forms' },
            h(
              'caption',
              {},
              'The compute frontier fitted by the power law and the logarithmic form (lower AIC and held-out RMSE are better; the Chinchilla law is fitted to every run, not the frontier)',
            ),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Form'),
                h('th', {}, 'Equation'),
                h('th', {}, 'AIC'),
                h('th', {}, 'Akaike weight'),
                h('th', {}, 'Held-out RMSE'),
              ),
            ),
            h(
              'tbody',
              {},
              rows.map((r) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, r.form),
                  h('td', {}, h('code', {}, r.equation)),
                  h('td', { class: 'num' }, r.criteria.aic.toFixed(1)),
                  h('td', { class: 'num' }, r.akaikeWeight.toFixed(3)),
                  h('td', { class: 'num' }, formatNumber(r.heldOut?.rmse)),
                ),
              ),
            ),
          )
        : h('p', {}, 'This fit has no comparison of forms (fit with form "all").'),
    ),
  );
  const drawn = frontier!.then((svg) =>
    showSvg(chart, svg, 'Loss against training compute: the runs, the compute frontier and the fitted laws'),
  );

  const params = h('input', { id: 'ask-params', type: 'number', value: 2, min: 1, step: 'any', required: true });
  const more = h('input', { id: 'ask-compute', type: 'number', value: 2, min: 1, step: 'any', required: true });
  const at = h('input', { id: 'ask-at', type: 'text', value: '5.76e23', required: true, pattern: '[0-9.]+(e[0-9]+)?' });
  const answer = h('div', { id: 'scaling-answer', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card', id: 'ask-form', 'aria-labelledby': 'ask-title' },
    h('h2', { id: 'ask-title' }, 'Claims 2 and 3: ask the fit'),
    h(
      'div',
      { class: 'row' },
      field('Parameters × k', params),
      field('Compute × k', more),
      field('At compute (FLOP)', at, 'Default: Gopher, 5.76e23'),
    ),
    h('button', { type: 'submit' }, 'Ask'),
    answer,
  );
  const ask = async () => {
    answer.replaceChildren(h('p', {}, 'Asking…'));
    try {
      const a = (await api.scalingAsk({
        fitId: run.id,
        paramsMultiplier: Number(params.value),
        computeMultiplier: Number(more.value),
        atCompute: Number(at.value),
        allocation: true,
      })) as {
        paramsMultiplier?: {
          k: number;
          scenarios: { path: string; description: string; computeMultiplier: Estimate; lossRatio: Estimate }[];
        };
        computeMultiplier?: {
          k: number;
          forms: { form: string; lossRatio: Estimate; reducibleLossRatio?: Estimate; performanceRatio?: Estimate }[];
        };
        allocation?: { parameters: Estimate; tokens: Estimate; loss: Estimate };
      };
      const p = a.paramsMultiplier;
      const c = a.computeMultiplier;
      answer.replaceChildren(
        p
          ? h(
              'table',
              { class: 'list', id: 'claim2' },
              h('caption', {}, `Claim 2: the compute that ${p.k}× the parameters needs ("10× or more")`),
              h('thead', {}, h('tr', {}, h('th', {}, 'Path'), h('th', {}, 'Compute ×'), h('th', {}, 'Loss ratio'))),
              h(
                'tbody',
                {},
                p.scenarios.map((s) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, s.description),
                    h('td', { class: 'num' }, est(s.computeMultiplier)),
                    h('td', { class: 'num' }, est(s.lossRatio, 4)),
                  ),
                ),
              ),
            )
          : '',
        c
          ? h(
              'table',
              { class: 'list', id: 'claim3' },
              h(
                'caption',
                {},
                `Claim 3: what ${c.k}× the compute buys ("at most 1.5× the performance"; performance = 1 / reducible loss)`,
              ),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, 'Form'),
                  h('th', {}, 'Loss ratio'),
                  h('th', {}, 'Reducible-loss ratio'),
                  h('th', {}, 'Performance ×'),
                ),
              ),
              h(
                'tbody',
                {},
                c.forms.map((f) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, f.form),
                    h('td', { class: 'num' }, est(f.lossRatio, 4)),
                    h('td', { class: 'num' }, est(f.reducibleLossRatio, 4)),
                    h('td', { class: 'num' }, est(f.performanceRatio, 4)),
                  ),
                ),
              ),
            )
          : '',
        a.allocation
          ? h(
              'p',
              {},
              `Compute-optimal at ${at.value} FLOP: ${est(a.allocation.parameters)} parameters, ${est(a.allocation.tokens)} tokens, loss ${est(a.allocation.loss)}.`,
            )
          : '',
        h(
          'p',
          { class: 'note' },
          'The cluster and dollar side of claim 3 (utilisation falling with chip count) is in `foresight scaling ask --budget-usd` and `foresight scaling cluster`.',
        ),
      );
    } catch (e) {
      answer.replaceChildren(errorBox(e));
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void ask();
  });
  root.append(form);
  await Promise.all([drawn, ask()]);
}
