/**
 * Scenarios for a dataset with drivers (extra columns such as revenue beside net income): edit each scenario's
 * driver path step by step, forecast under every scenario (POST /v1/scenarios, the library behind `forecast
 * --scenario`), and compare the outcomes side by side with the scenario chart of src/charts. The paths start
 * as the last observed driver value (base) and 20% above it (high): editable starting points, not forecasts.
 */
import { scenarioChart } from '../../../src/charts/scenario-chart.js';
import { forecastBands } from '../../../src/charts/spec.js';
import { api, type ScenarioAnswer, type SeriesValues } from '../api.js';
import { field, formatNumber, h } from '../dom.js';
import { draw, preloadCharts } from '../draw.js';
import { errorBox, say } from '../ui.js';

interface ScenarioEditor {
  name: HTMLInputElement;
  cells: Map<string, HTMLInputElement[]>;
  el: HTMLElement;
}

function lastValue(values: SeriesValues[], column: string): number {
  const v = values[0]?.exog[column] ?? [];
  for (let i = v.length - 1; i >= 0; i--) if (v[i] !== null) return v[i]!;
  return 0;
}

function editor(
  index: number,
  name: string,
  drivers: string[],
  horizon: number,
  start: (c: string) => number,
): ScenarioEditor {
  const nameInput = h('input', {
    id: `scenario-${index}-name`,
    type: 'text',
    value: name,
    pattern: '[\\w.\\-]{1,40}',
    required: true,
  });
  const cells = new Map<string, HTMLInputElement[]>();
  const body = h('tbody', {});
  for (let t = 0; t < horizon; t++) {
    const row = h('tr', {}, h('th', { scope: 'row' }, `step ${t + 1}`));
    for (const c of drivers) {
      const input = h('input', {
        id: `scenario-${index}-${c}-${t + 1}`,
        type: 'number',
        step: 'any',
        required: true,
        value: Number(start(c).toPrecision(6)),
        'aria-label': `${c} at step ${t + 1} in scenario ${index + 1}`,
      });
      if (!cells.has(c)) cells.set(c, []);
      cells.get(c)!.push(input);
      row.append(h('td', {}, input));
    }
    body.append(row);
  }
  const el = h(
    'fieldset',
    { class: 'card scenario' },
    h('legend', {}, `Scenario ${index + 1}`),
    field('Name', nameInput),
    h(
      'table',
      { class: 'list compact' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Step'),
          drivers.map((c) => h('th', {}, c)),
        ),
      ),
      body,
    ),
  );
  return { name: nameInput, cells, el };
}

export async function scenariosPage(root: HTMLElement, id: string | undefined): Promise<void> {
  if (!id) throw new Error('no dataset id in the address');
  preloadCharts();
  const [dataset, values] = await Promise.all([api.dataset(id), api.values(id)]);
  const drivers = dataset.exogColumns;
  root.append(h('h1', {}, `Scenarios: ${dataset.name}`));
  if (drivers.length === 0) {
    root.append(
      h(
        'p',
        {},
        'This dataset has no driver columns (numeric columns beside unique_id, ds and y), so it has no scenarios.',
      ),
    );
    return;
  }
  const horizon = h('input', {
    id: 'scenario-horizon',
    type: 'number',
    min: 1,
    max: 100,
    value: 4,
    step: 1,
    required: true,
  });
  const models = h('input', { id: 'scenario-models', type: 'text', value: 'arima' });
  const editors = h('div', { class: 'columns' });
  let current: ScenarioEditor[] = [];
  let steps = 0;
  const rebuild = () => {
    const hz = Math.max(1, Math.min(100, Math.floor(Number(horizon.value)) || 1));
    // only a new horizon rebuilds the tables (edited paths would be lost otherwise)
    if (hz === steps) return;
    steps = hz;
    current = [
      editor(0, 'base', drivers, hz, (c) => lastValue(values.series, c)),
      editor(1, 'high', drivers, hz, (c) => lastValue(values.series, c) * 1.2),
    ];
    editors.replaceChildren(...current.map((e) => e.el));
  };
  rebuild();
  horizon.addEventListener('change', rebuild);
  const select = h(
    'select',
    { id: 'scenario-series' },
    values.series.map((s) => h('option', { value: s.unique_id }, s.unique_id)),
  );
  const out = h('div', { id: 'scenario-answer', 'aria-live': 'polite' });
  const form = h(
    'form',
    { id: 'scenario-form', 'aria-labelledby': 'scenario-title' },
    h('h2', { id: 'scenario-title' }, 'Driver paths'),
    h('p', { class: 'note' }, `Each scenario's path of ${drivers.join(', ')} applies to every series of the dataset.`),
    h(
      'div',
      { class: 'row' },
      field('Horizon (steps)', horizon),
      field('Models', models, 'Models that use drivers: arima, or a fusion with an arima member'),
    ),
    editors,
    h('button', { type: 'submit' }, 'Compare scenarios'),
  );
  let answer: ScenarioAnswer | null = null;
  const show = async () => {
    if (!answer) return;
    const seriesId = select.value;
    const history = values.series.find((s) => s.unique_id === seriesId);
    const rows = answer.scenarios.map((s) => ({ s, f: s.forecasts.find((f) => f.unique_id === seriesId) }));
    const first = rows[0]?.f;
    if (!first || first.mean.length === 0) {
      out.replaceChildren(h('p', { class: 'error' }, first?.error ?? `no forecast for ${seriesId}`));
      return;
    }
    const chart = h('div', { class: 'chart', id: 'scenario-chart' });
    const last = first.ds.length - 1;
    out.replaceChildren(
      chart,
      h(
        'table',
        { class: 'list', id: 'scenario-outcomes' },
        h('caption', {}, `${seriesId} at the last step (${first.ds[last]})`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'Scenario'),
            h('th', {}, 'Forecast'),
            h('th', {}, 'Widest interval'),
            h('th', {}, 'Meaning'),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map(({ s, f }) => {
            const wide = f?.intervals[f.intervals.length - 1];
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, s.name),
              h('td', { class: 'num' }, formatNumber(f?.mean[last])),
              h(
                'td',
                { class: 'num' },
                wide ? `${formatNumber(wide.lower[last])} – ${formatNumber(wide.upper[last])} (${wide.level}%)` : '—',
              ),
              h('td', {}, s.label),
            );
          }),
        ),
      ),
    );
    await draw(
      chart,
      scenarioChart(
        {
          id: seriesId,
          model: first.used ?? first.model,
          history: { ds: history?.ds ?? [], y: history?.y ?? [] },
          ds: first.ds,
          scenarios: rows.flatMap(({ s, f }) =>
            f ? [{ name: s.name, label: s.label, forecast: forecastBands(f.mean, f.intervals) }] : [],
          ),
        },
        { historyLength: 40 },
      ),
      `Forecasts of ${seriesId} under each scenario`,
    );
  };
  select.addEventListener('change', () => void show());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    out.replaceChildren(h('p', {}, 'Forecasting every scenario…'));
    try {
      answer = await api.scenarios({
        datasetId: id,
        horizon: Number(horizon.value),
        models: models.value
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
        scenarios: current.map((ed) => ({
          name: ed.name.value.trim(),
          drivers: Object.fromEntries([...ed.cells].map(([c, inputs]) => [c, inputs.map((i) => Number(i.value))])),
        })),
      });
      await show();
      say('Scenarios compared.');
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  root.append(h('section', { class: 'card' }, form), h('div', { class: 'toolbar' }, field('Series', select)), out);
}
