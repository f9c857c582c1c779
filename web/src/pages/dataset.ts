/**
 * One dataset: its series (frequency, length, a sparkline of the observed values, why a series could not be
 * read) and the forms that start a forecast or a backtest of it. Long runs answer 202; their progress is polled
 * from GET /v1/runs/{id} until they end.
 */
import { api, waitForRun, type Run, type SeriesValues } from '../api.js';
import { field, formatNumber, h } from '../dom.js';
import { errorBox, progressBar, say } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A sparkline: a glyph of the observed values, not a chart (no axes or scales to share with a report). */
function sparkline(values: (number | null)[]): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const width = 120;
  const height = 28;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('spark');
  const finite = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (finite.length < 2) return svg;
  const ys = finite.map((p) => p[1]);
  const lo = Math.min(...ys);
  const span = Math.max(...ys) - lo || 1;
  const n = values.length - 1 || 1;
  const points = finite.map(
    ([i, v]) => `${((i / n) * width).toFixed(1)},${(height - 2 - ((v - lo) / span) * (height - 4)).toFixed(1)}`,
  );
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.join(' '));
  svg.append(line);
  return svg;
}

function numberInput(id: string, value: number, min: number, max: number): HTMLInputElement {
  return h('input', { id, type: 'number', value, min, max, step: 1, required: true, inputmode: 'numeric' });
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export async function datasetPage(root: HTMLElement, id: string | undefined): Promise<void> {
  if (!id) throw new Error('no dataset id in the address');
  const [dataset, values] = await Promise.all([api.dataset(id), api.values(id)]);
  const byId = new Map<string, SeriesValues>(values.series.map((s) => [s.unique_id, s]));

  const horizon = numberInput('forecast-horizon', 4, 1, 1000);
  const models = h('input', { id: 'forecast-models', type: 'text', value: 'auto' });
  const levels = h('input', { id: 'forecast-levels', type: 'text', value: '80,95' });
  const forecastResult = h('div', { class: 'result', 'aria-live': 'polite' });
  const forecastForm = h(
    'form',
    { class: 'card', id: 'forecast-form', 'aria-labelledby': 'forecast-title' },
    h('h2', { id: 'forecast-title' }, 'Forecast'),
    field('Horizon (steps)', horizon),
    field('Models', models, 'Comma list of registry names, e.g. auto or ets,theta'),
    field('Interval levels (%)', levels),
    h('button', { type: 'submit' }, 'Run forecast'),
    forecastResult,
  );
  forecastForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const progress = progressBar('Forecast progress');
    forecastResult.replaceChildren(progress.el);
    try {
      const answer = await api.forecast({
        datasetId: id,
        horizon: Number(horizon.value),
        models: list(models.value),
        levels: list(levels.value).map(Number),
      });
      const run: Run = 'run' in answer ? answer.run : await waitForRun(answer, progress.update);
      say(`Forecast run ${run.id} finished.`);
      location.hash = `#/run/${run.id}`;
    } catch (err) {
      forecastResult.replaceChildren(errorBox(err));
    }
  });

  const btHorizon = numberInput('backtest-horizon', 4, 1, 1000);
  const windows = numberInput('backtest-windows', 3, 1, 100);
  const btModels = h('input', { id: 'backtest-models', type: 'text', value: 'auto' });
  const backtestResult = h('div', { class: 'result', 'aria-live': 'polite' });
  const backtestForm = h(
    'form',
    { class: 'card', id: 'backtest-form', 'aria-labelledby': 'backtest-title' },
    h('h2', { id: 'backtest-title' }, 'Backtest'),
    field('Horizon (steps)', btHorizon),
    field('Origins per series', windows),
    field('Models', btModels, 'Comma list; each is scored against naive2'),
    h('button', { type: 'submit' }, 'Run backtest'),
    backtestResult,
  );
  backtestForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const progress = progressBar('Backtest progress');
    backtestResult.replaceChildren(progress.el);
    try {
      const answer = await api.backtest({
        datasetId: id,
        horizon: Number(btHorizon.value),
        windows: Number(windows.value),
        models: list(btModels.value),
        levels: [80, 95],
      });
      const run = answer.status === 'succeeded' ? answer : await waitForRun(answer, progress.update);
      location.hash = `#/backtest/${run.id}`;
    } catch (err) {
      backtestResult.replaceChildren(errorBox(err));
    }
  });

  const table = h(
    'table',
    { class: 'list', id: 'series' },
    h(
      'caption',
      {},
      `${dataset.seriesCount} series${dataset.invalidCount ? `, ${dataset.invalidCount} unreadable` : ''}`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Series'),
        h('th', {}, 'Frequency'),
        h('th', {}, 'Observations'),
        h('th', {}, 'Last'),
        h('th', {}, 'History'),
        h('th', {}, 'Problem'),
      ),
    ),
    h(
      'tbody',
      {},
      dataset.series.map((s) => {
        const v = byId.get(s.unique_id);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, s.unique_id),
          h('td', {}, s.frequency ?? '—'),
          h('td', { class: 'num' }, s.observations),
          h('td', { class: 'num' }, formatNumber(v?.y[v.y.length - 1])),
          h('td', {}, v ? sparkline(v.y) : ''),
          h('td', { class: s.error ? 'error' : '' }, s.error ?? ''),
        );
      }),
    ),
  );
  const runs = (await api.runs(200)).runs.filter((r) => r.datasetId === id);
  const runList = h(
    'ul',
    { class: 'runs' },
    runs.map((r) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: r.kind === 'backtest' ? `#/backtest/${r.id}` : `#/run/${r.id}` },
          `${r.kind} ${r.createdAt.slice(0, 16).replace('T', ' ')}`,
        ),
        ` ${r.status}`,
      ),
    ),
  );
  root.append(
    h('h1', {}, dataset.name),
    dataset.exogColumns.length
      ? h(
          'p',
          {},
          `Drivers: ${dataset.exogColumns.join(', ')}. `,
          h('a', { href: `#/scenarios/${id}`, id: 'scenarios-link' }, 'Compare scenarios of the drivers'),
        )
      : '',
    h('div', { class: 'columns' }, forecastForm, backtestForm),
    table,
    h('h2', {}, 'Runs of this dataset'),
    runs.length ? runList : h('p', {}, 'None yet.'),
  );
}
