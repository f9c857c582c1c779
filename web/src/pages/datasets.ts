/** Datasets: upload a CSV, and the stored datasets (the bundled industry data among them after `npm start`). */
import { api } from '../api.js';
import { field, formatTime, h } from '../dom.js';
import { errorBox, say } from '../ui.js';

export async function datasetsPage(root: HTMLElement): Promise<void> {
  const file = h('input', { id: 'upload-file', type: 'file', accept: '.csv,text/csv', required: true });
  const name = h('input', {
    id: 'upload-name',
    type: 'text',
    placeholder: 'revenue.csv',
    pattern: '[\\w. \\-]{1,100}',
  });
  const result = h('div', { class: 'result' });
  const form = h(
    'form',
    { class: 'card', id: 'upload-form', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, 'Upload a CSV'),
    h('p', {}, 'Long format: a header ', h('code', {}, 'unique_id,ds,y'), ', one row per series and date.'),
    field('CSV file', file),
    field('Name (optional)', name, 'Letters, digits, space, dot, dash, underscore'),
    h('button', { type: 'submit' }, 'Upload'),
    result,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    result.replaceChildren(h('p', {}, 'Uploading…'));
    try {
      const dataset = await api.upload(name.value.trim() || chosen.name.replace(/[^\w. -]/g, '_'), chosen);
      say(`Uploaded ${dataset.name}: ${dataset.seriesCount} series.`);
      location.hash = `#/dataset/${dataset.id}`;
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  });

  const { datasets } = await api.datasets();
  const table = h(
    'table',
    { class: 'list', id: 'datasets' },
    h('caption', {}, datasets.length ? 'Stored datasets, newest first' : 'No dataset yet: upload one.'),
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Series'), h('th', {}, 'Unreadable'), h('th', {}, 'Uploaded')),
    ),
    h(
      'tbody',
      {},
      datasets.map((d) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/dataset/${d.id}` }, d.name)),
          h('td', { class: 'num' }, d.seriesCount),
          h('td', { class: 'num' }, d.invalidCount),
          h('td', {}, formatTime(d.createdAt)),
        ),
      ),
    ),
  );
  root.append(h('h1', {}, 'Datasets'), form, table);
}
