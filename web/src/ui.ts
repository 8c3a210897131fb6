import { ApiError } from './api';
import { h } from './dom';

// A page-level error: code, message and path as the API gave them.
export function errorBox(e: unknown, what: string): HTMLElement {
  if (e instanceof ApiError) {
    return h('div', { class: 'error', role: 'alert', 'data-code': e.code },
      h('strong', {}, `${what} failed: `), e.message,
      e.path ? [' ', h('span', { class: 'path' }, `(at ${e.path})`)] : null,
      h('span', { class: 'code' }, ` [${e.code}${e.status ? ', HTTP ' + e.status : ''}]`));
  }
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, `${what} failed: `), String(e));
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
