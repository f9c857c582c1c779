/** What every page shares: the live status line, the error box, a progress bar for long runs. */
import { ApiError, type Run } from './api.js';
import { h } from './dom.js';

/** Shows a short message in the live region (announced by screen readers). */
export function say(text: string): void {
  document.getElementById('status')!.textContent = text;
}

/** An error as the page shows it: the server's message, which names the field, line and value. */
export function errorBox(e: unknown): HTMLElement {
  const unauthorized = e instanceof ApiError && e.status === 401;
  const message = e instanceof Error ? e.message : String(e);
  if (unauthorized) (document.getElementById('token-form') as HTMLFormElement).hidden = false;
  return h(
    'p',
    { class: 'error', role: 'alert' },
    message,
    unauthorized ? ' Enter the token that npm start printed (the part after #token=) above.' : '',
  );
}

/** A labelled progress bar for a queued or running run; `update` moves it. */
export function progressBar(label: string): { el: HTMLElement; update: (run: Run) => void } {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': label });
  const text = h('span', {}, 'queued');
  return {
    el: h('div', { class: 'progress' }, bar, ' ', text),
    update(run) {
      bar.max = Math.max(1, run.progress.total);
      bar.value = run.progress.done;
      text.textContent = `${run.status}: ${run.progress.done} of ${run.progress.total} series`;
    },
  };
}
