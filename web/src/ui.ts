import { ApiError, get } from './api';
import { h } from './dom';
import { render } from './router';
import type { VideoList } from './types';

// Errors worth trying again: the server was unreachable, busy, restarting or failed inside.
function retryable(e: ApiError): boolean {
  return e.status === 0 || e.status === 408 || e.status >= 500;
}

// A page-level error in plain words, with a Retry button when trying again can help (it redraws
// the page, or calls `retry`). The API's code and status stay visible, small, for a bug report.
export function errorBox(e: unknown, what: string, retry: () => void = () => void render()): HTMLElement {
  if (e instanceof ApiError) {
    const again = retryable(e) ? h('button', { type: 'button', class: 'retry', onclick: () => retry() }, 'Retry') : null;
    const head = e.status === 0 ? 'Cannot reach the server. ' : `${what} failed: `;
    return h('div', { class: 'error', role: 'alert', 'data-code': e.code },
      h('strong', {}, head), e.status === 0 ? 'Check that vv serve is running, then retry.' : e.message,
      h('span', { class: 'code' }, ` (${e.code}${e.status ? ', HTTP ' + e.status : ''})`),
      again ? [' ', again] : null);
  }
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, `${what} failed: `), String(e));
}

// True when the store holds no video at all (an empty store explains itself, see below).
export async function storeIsEmpty(): Promise<boolean> {
  try {
    return (await get<VideoList>('/v1/videos?limit=1')).videos.length === 0;
  } catch {
    return false;
  }
}

// What an empty store needs: data, from one of the three ways in.
export function emptyStoreHelp(): HTMLElement {
  return h('div', { class: 'card empty-store' },
    h('h2', {}, 'The store holds no videos yet'),
    h('p', {}, 'Fill it in one of three ways, then train the models with ', h('code', {}, 'vv train'), ':'),
    h('ul', {},
      h('li', {}, h('code', {}, 'vv generate --videos 10000'), ': a synthetic, calibrated data set, for a demo.'),
      h('li', {}, h('code', {}, 'vv import trending FILE.csv'), ': the Kaggle trending CSV files.'),
      h('li', {}, h('code', {}, 'vv collect trending --regions US'), ': live from the YouTube Data API (needs YOUTUBE_API_KEY).')));
}

export function loading(text = 'Loading…'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, text);
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge status-${status}` }, status);
}

export function section(title: string, ...body: (Node | string | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...body);
}
