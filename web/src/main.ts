/**
 * The dashboard: hash routes (`#/datasets`, `#/dataset/ID`, `#/run/ID`, `#/backtests`, `#/backtest/ID`,
 * `#/scaling`, `#/runs`), each page drawn from API answers only. The token arrives in the URL fragment that
 * `npm start` prints (`#token=...`, never sent to the server), is moved to sessionStorage and removed from the
 * address bar; without it the header asks for one.
 */
import './style.css';
import { getToken, setToken } from './api.js';
import { backtestPage, backtestsPage } from './pages/backtests.js';
import { datasetPage } from './pages/dataset.js';
import { datasetsPage } from './pages/datasets.js';
import { runPage } from './pages/run.js';
import { runsPage } from './pages/runs.js';
import { scalingPage } from './pages/scaling.js';
import { scenariosPage } from './pages/scenarios.js';
import { h } from './dom.js';
import { errorBox, say } from './ui.js';

const main = document.getElementById('main')!;
const tokenForm = document.getElementById('token-form') as HTMLFormElement;
const tokenInput = document.getElementById('token-input') as HTMLInputElement;

function takeTokenFromFragment(): void {
  const match = /^#token=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!match) return;
  setToken(match[1]);
  history.replaceState(null, '', `${location.pathname}#/datasets`);
}

function showTokenForm(): void {
  tokenForm.hidden = getToken() !== null;
}

tokenForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const value = tokenInput.value.trim();
  if (!value) return;
  setToken(value);
  tokenInput.value = '';
  showTokenForm();
  say('Token kept for this tab.');
});

type Page = (root: HTMLElement, id: string | undefined) => Promise<void>;
const ROUTES: Record<string, Page> = {
  datasets: datasetsPage,
  dataset: datasetPage,
  run: runPage,
  backtests: backtestsPage,
  backtest: backtestPage,
  scaling: scalingPage,
  scenarios: scenariosPage,
  runs: runsPage,
};

let rendering = 0;
async function route(): Promise<void> {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = ROUTES[name] ?? datasetsPage;
  const id = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  const ticket = ++rendering;
  say('');
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    if (a.getAttribute('href') === `#/${name || 'datasets'}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const root = h('div', { class: 'page', 'data-page': name || 'datasets' });
  main.replaceChildren(root);
  try {
    await page(root, id);
    if (ticket === rendering) root.dataset.ready = 'true';
  } catch (e) {
    root.append(errorBox(e));
  }
}

takeTokenFromFragment();
showTokenForm();
window.addEventListener('hashchange', () => {
  void route().then(() => main.focus({ preventScroll: true }));
});
void route();
