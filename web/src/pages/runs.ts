/** The runs history from the store: every forecast, backtest, probability and scaling run, newest first. */
import { api, type Run } from '../api.js';
import { formatTime, h } from '../dom.js';
import { errorBox, say } from '../ui.js';

function link(r: Run): string {
  if (r.kind === 'forecast') return `#/run/${r.id}`;
  if (r.kind === 'backtest') return `#/backtest/${r.id}`;
  if (r.kind === 'scaling-fit') return `#/scaling/${r.id}`;
  return `#/runs`;
}

function describe(r: Run): string {
  const s = r.spec;
  if (r.kind === 'probabilities') return (s.events as string[] | undefined)?.join('; ') ?? '';
  if (r.kind === 'scaling-fit')
    return `form ${String(s.form ?? 'chinchilla')}, ${(s.loss as unknown[] | undefined)?.length ?? 0} runs`;
  return `${((s.models as string[] | undefined) ?? []).join(', ')}, horizon ${String(s.horizon ?? '')}`;
}

export async function runsPage(root: HTMLElement): Promise<void> {
  const { runs } = await api.runs(200);
  const datasets = new Map((await api.datasets()).datasets.map((d) => [d.id, d.name]));
  root.append(
    h('h1', {}, 'Runs'),
    h(
      'table',
      { class: 'list', id: 'runs' },
      h('caption', {}, `${runs.length} stored runs, newest first`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Run'),
          h('th', {}, 'Kind'),
          h('th', {}, 'Dataset'),
          h('th', {}, 'What'),
          h('th', {}, 'Status'),
          h('th', {}, 'Progress'),
          h('th', {}, 'Created'),
          h('th', {}, h('span', { class: 'sr-only' }, 'Actions')),
        ),
      ),
      h(
        'tbody',
        {},
        runs.map((r) => {
          const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Delete run ${r.id}` }, 'Delete');
          remove.addEventListener('click', async () => {
            if (!confirm(`Delete run ${r.id} and its results?`)) return;
            try {
              await api.deleteRun(r.id);
              row.remove();
              say(`Deleted run ${r.id}.`);
            } catch (e) {
              row.after(h('tr', {}, h('td', { colspan: 8 }, errorBox(e))));
            }
          });
          const row = h(
            'tr',
            { 'data-run': r.id },
            h('td', {}, h('a', { href: link(r) }, r.id.slice(0, 8))),
            h('td', {}, r.kind),
            h('td', {}, r.datasetId ? (datasets.get(r.datasetId) ?? r.datasetId.slice(0, 8)) : '—'),
            h('td', {}, describe(r)),
            h('td', { class: `status-${r.status}` }, r.status, r.error ? `: ${r.error.message}` : ''),
            h('td', { class: 'num' }, `${r.progress.done}/${r.progress.total}`),
            h('td', {}, formatTime(r.createdAt)),
            h('td', {}, remove),
          );
          return row;
        }),
      ),
    ),
  );
}
