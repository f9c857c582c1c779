/**
 * The series page of a forecast run: pick a series, see its fan chart (history, point forecast, bands), the fused
 * members and their weights, the warnings (fallbacks and their reasons), download the run as CSV, and ask "what
 * is the chance": an event on one step (`y[2] > 12B`) answered by POST /v1/probabilities.
 */
import { eventChart } from '../../../src/charts/event-chart.js';
import { skillChart } from '../../../src/charts/skill-chart.js';
import { api, waitForRun, type Forecasts, type SeriesForecast, type Warning } from '../api.js';
import { field, formatNumber, formatTime, h } from '../dom.js';
import { draw, preloadChartsOnIntent, showSvg } from '../draw.js';
import { errorBox, progressBar, say } from '../ui.js';

/** Chart SVG asked for before the page knew what it would show. */
interface Prefetched {
  fan: Promise<string | null>;
  weights: Promise<string | null>;
}

interface Member {
  name: string;
  form?: string;
  weight?: number | null;
  validationMae?: number | null;
  fallbackReason?: string | null;
}

/** The fused members recorded in a fit's details (empty for a single model). */
function membersOf(forecast: SeriesForecast): Member[] {
  const details = (forecast.fit as { details?: { members?: Member[] } } | null | undefined)?.details;
  return Array.isArray(details?.members) ? details.members : [];
}

export async function runPage(root: HTMLElement, id: string | undefined): Promise<void> {
  if (!id) throw new Error('no run id in the address');
  const params = new URLSearchParams(location.search);
  // the server draws the charts shown first (of the series in the address, else the run's first) while the page
  // asks for the run and its forecasts; a run that has not succeeded, or has no fused members, answers 409
  const first = { series: params.get('series') ?? undefined };
  const firstCharts: Prefetched = {
    fan: api.fanChart(id, first).catch(() => null),
    weights: api.weightsChart(id, first).catch(() => null),
  };
  const run = await api.run(id);
  if (run.kind !== 'forecast') {
    location.hash = run.kind === 'backtest' ? `#/backtest/${id}` : '#/runs';
    return;
  }
  if (run.status === 'queued' || run.status === 'running') {
    // a long run: show its progress until it ends, then draw the page
    const progress = progressBar('Forecast progress');
    root.append(h('h1', {}, 'Forecast'), progress.el);
    try {
      await waitForRun(run, progress.update);
    } finally {
      root.replaceChildren();
    }
    return runPage(root, id);
  }
  if (run.status !== 'succeeded') {
    root.append(
      h('h1', {}, `Run ${id}`),
      h('p', {}, `This run is ${run.status}.`),
      run.error ? errorBox(new Error(run.error.message)) : '',
    );
    return;
  }
  const [data, warnings]: [Forecasts, Map<string, Warning[]>] = await Promise.all([
    // fits carry the fused members and weights, but also every fitted value: only for runs of modest size
    api.runForecasts(id, Number(run.spec.seriesCount ?? 0) <= 50),
    api.warnings(id).then((w) => new Map(w.series.map((s) => [s.unique_id, s.warnings]))),
  ]);
  const ids = [...new Set(data.forecasts.map((f) => f.unique_id))];
  const select = h(
    'select',
    { id: 'series-select' },
    ids.map((s) => h('option', { value: s, selected: s === params.get('series') }, s)),
  );
  const body = h('div', {});
  root.append(
    h('h1', {}, 'Forecast'),
    h(
      'p',
      { class: 'meta' },
      `Run ${run.id}, ${formatTime(run.createdAt)}; horizon ${String(run.spec.horizon)}, models ${(run.spec.models as string[]).join(', ')}. `,
      h('a', { href: api.forecastCsvUrl(id), download: `forecasts-${id}.csv`, id: 'download-csv' }, 'Download CSV'),
    ),
    h('div', { class: 'toolbar' }, field('Series', select)),
    body,
  );
  let prefetched: Prefetched | null = firstCharts;
  const show = async () => {
    const chosen = data.forecasts.filter((f) => f.unique_id === select.value);
    body.replaceChildren();
    for (const [k, f] of chosen.entries())
      await seriesSection(
        body,
        run.id,
        run.datasetId,
        f,
        (warnings.get(f.unique_id) ?? []).filter((w) => w.model === f.model),
        Number(run.spec.horizon),
        k === 0 ? prefetched : null,
      );
    prefetched = null;
    say(`Showing ${select.value}.`);
  };
  select.addEventListener('change', () => void show());
  await show();
}

async function seriesSection(
  root: HTMLElement,
  runId: string,
  datasetId: string | null,
  f: SeriesForecast,
  warnings: Warning[],
  horizon: number,
  /** The charts asked for early (each null when the server refused it). */
  prefetched: Prefetched | null,
): Promise<void> {
  const section = h('section', { class: 'card', 'aria-label': `${f.unique_id} ${f.model}` });
  root.append(section);
  section.append(h('h2', {}, `${f.unique_id} · ${f.model}${f.used && f.used !== f.model ? ` (used ${f.used})` : ''}`));
  const lines = [...(f.error ? [f.error] : []), ...warnings.map((w) => w.message)];
  section.append(
    lines.length
      ? h(
          'ul',
          { class: 'warnings', id: 'warnings', 'aria-label': 'Warnings' },
          lines.map((w) => h('li', {}, w)),
        )
      : h('p', { class: 'ok', id: 'warnings' }, 'No warnings.'),
  );
  if (f.mean.length === 0) return;
  const members = membersOf(f);
  const chart = h('div', { class: 'chart', id: 'fan-chart' });
  section.append(chart);
  const which = { series: f.unique_id, model: f.model };
  const fanLabel = `Fan chart of ${f.unique_id}: history, point forecast and ${f.intervals.map((i) => `${i.level}%`).join(' and ')} intervals`;
  const drawFan = async (reliableSteps?: number | null) =>
    showSvg(chart, await api.fanChart(runId, { ...which, reliableSteps }), fanLabel);
  // both charts are drawn by the server: ask for them together (unless they were asked for early)
  const weightsSvg = members.length
    ? (prefetched?.weights ?? Promise.resolve(null)).then((svg) => svg ?? api.weightsChart(runId, which))
    : null;
  weightsSvg?.catch(() => undefined); // awaited below; the fan chart's error is the one shown first
  const fanSvg = await prefetched?.fan;
  if (fanSvg) showSvg(chart, fanSvg, fanLabel);
  else await drawFan();
  if (datasetId) section.append(reliabilityPanel(datasetId, f, horizon, drawFan));
  section.append(forecastTable(f));
  if (members.length) {
    const weights = h('div', { class: 'chart', id: 'weights-chart' });
    section.append(
      h('h3', {}, 'Fused members'),
      h(
        'table',
        { class: 'list', id: 'members' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'Member'),
            h('th', {}, 'Form'),
            h('th', {}, 'Weight'),
            h('th', {}, 'Validation MAE'),
            h('th', {}, 'Fallback'),
          ),
        ),
        h(
          'tbody',
          {},
          members.map((m) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, m.name),
              h('td', {}, m.form ?? ''),
              h('td', { class: 'num' }, m.weight == null ? '—' : m.weight.toFixed(3)),
              h('td', { class: 'num' }, formatNumber(m.validationMae)),
              h('td', {}, m.fallbackReason ?? ''),
            ),
          ),
        ),
      ),
      weights,
    );
    showSvg(weights, await weightsSvg!, `Weights of the fused members of ${f.unique_id}`);
  }
  section.append(chancePanel(datasetId, f));
}

/** The reliability horizon on demand (rolling origins cost one fit per origin): the skill chart and a rule on the fan chart. */
function reliabilityPanel(
  datasetId: string,
  f: SeriesForecast,
  horizon: number,
  drawFan: (reliableSteps: number | null) => Promise<void>,
): HTMLElement {
  const windows = h('input', { id: 'reliability-windows', type: 'number', min: 2, max: 50, value: 20, step: 1 });
  const out = h('div', { id: 'reliability-answer', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'chance', id: 'reliability-form', 'aria-labelledby': 'reliability-title' },
    h('h3', { id: 'reliability-title' }, 'Reliability horizon'),
    h(
      'p',
      { class: 'note' },
      `How many of the ${horizon} steps beat a naive forecast, measured on rolling origins one step apart.`,
    ),
    field('Origins', windows),
    h('button', { type: 'submit' }, 'Measure'),
    out,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    out.replaceChildren(h('p', {}, 'Backtesting…'));
    try {
      const r = await api.reliability({
        datasetId,
        seriesId: f.unique_id,
        models: [f.model],
        horizon,
        windows: Number(windows.value),
      });
      const m = r.models[0];
      if (!m?.horizon) {
        out.replaceChildren(h('p', { class: 'error' }, `Not measured: ${m?.reason ?? 'no result'}`));
        return;
      }
      const chart = h('div', { class: 'chart', id: 'skill-chart' });
      out.replaceChildren(
        h(
          'p',
          {},
          h('strong', { id: 'reliable-steps' }, `${m.reliableSteps ?? 0} of ${horizon}`),
          ` steps are reliable (the ${m.horizon.level}% band of the error ratio to ${m.reference} lies below 1), over ${m.horizon.origins} origins.`,
        ),
        chart,
      );
      await draw(
        chart,
        skillChart(
          { id: f.unique_id, model: f.model, reference: m.reference, horizon: m.horizon },
          { width: 420, height: 180 },
        ),
        'Skill by horizon against the naive reference',
      );
      await drawFan(m.reliableSteps);
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  preloadChartsOnIntent(form);
  return form;
}

function forecastTable(f: SeriesForecast): HTMLElement {
  return h(
    'table',
    { class: 'list compact', id: 'forecast-table' },
    h('caption', {}, 'Point forecast and intervals'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Step'),
        h('th', {}, 'ds'),
        h('th', {}, 'Forecast'),
        f.intervals.map((i) => h('th', {}, `${i.level}% interval`)),
      ),
    ),
    h(
      'tbody',
      {},
      f.ds.map((ds, t) =>
        h(
          'tr',
          {},
          h('td', { class: 'num' }, t + 1),
          h('td', {}, ds),
          h('td', { class: 'num' }, formatNumber(f.mean[t])),
          f.intervals.map((i) =>
            h('td', { class: 'num' }, `${formatNumber(i.lower[t])} – ${formatNumber(i.upper[t])}`),
          ),
        ),
      ),
    ),
  );
}

/** "What is the chance": a step, a comparison and a threshold make an event in the CLI's syntax. */
function chancePanel(datasetId: string | null, f: SeriesForecast): HTMLElement {
  const step = h('input', {
    id: 'chance-step',
    type: 'number',
    min: 1,
    max: f.ds.length,
    value: 1,
    step: 1,
    required: true,
  });
  const op = h(
    'select',
    { id: 'chance-op' },
    h('option', { value: '>' }, 'above'),
    h('option', { value: '<' }, 'below'),
  );
  const threshold = h('input', {
    id: 'chance-threshold',
    type: 'text',
    required: true,
    value: formatNumber(f.mean[0]),
  });
  const answer = h('div', { id: 'chance-answer', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'chance', id: 'chance-form', 'aria-labelledby': 'chance-title' },
    h('h3', { id: 'chance-title' }, 'What is the chance?'),
    h(
      'div',
      { class: 'row' },
      field('Step', step),
      field('Value is', op),
      field('Threshold', threshold, 'A number (suffixes k, M, B, T), last, or 1.1*last'),
    ),
    h('button', { type: 'submit' }, 'Ask'),
    answer,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const event = `y[${step.value}] ${op.value} ${threshold.value.trim()}`;
    answer.replaceChildren(h('p', {}, `Simulating ${event}…`));
    try {
      if (!datasetId) throw new Error('this run has no stored dataset to simulate');
      const d = await api.distribution({ datasetId, seriesId: f.unique_id, event, model: f.model });
      const chart = h('div', { class: 'chart', id: 'chance-chart' });
      const percentText = `${(d.probability * 100).toFixed(1)}%`;
      answer.replaceChildren(
        h(
          'p',
          { class: 'answer' },
          h('strong', { id: 'chance-probability' }, percentText),
          ` chance that ${f.unique_id} ${event} (Monte Carlo standard error ${(d.standardError * 100).toFixed(2)} points over ${d.paths} paths of ${d.used}`,
          d.fallbackReason ? `, after a fallback: ${d.fallbackReason}` : '',
          '). ',
          h('a', { href: '#/runs' }, 'Stored as a run'),
          '.',
        ),
        chart,
      );
      await draw(
        chart,
        eventChart(d, { width: 480, height: 180 }),
        `Distribution of ${d.statistic} over the sample paths, with the threshold`,
      );
      say(`Probability ${percentText}.`);
    } catch (err) {
      answer.replaceChildren(errorBox(err));
    }
  });
  preloadChartsOnIntent(form);
  return form;
}
