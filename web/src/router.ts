// Hash routing: #/videos/abc -> the "videos/:id" page with {id: "abc"}. The hash keeps every
// page a static file for `vv serve` (no server-side routes needed).
import { disposeCharts } from './charts';
import { clear, h } from './dom';

export type Page = (main: HTMLElement, params: Record<string, string>, query: URLSearchParams) => void | Promise<void>;

interface Route { parts: string[]; page: Page; title: string }
const routes: Route[] = [];

export function route(pattern: string, title: string, page: Page): void {
  routes.push({ parts: pattern.split('/').filter(Boolean), page, title });
}

function match(path: string): { route: Route; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  for (const r of routes) {
    if (r.parts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (r.parts.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = parts[i]), true) : p === parts[i]))) {
      return { route: r, params };
    }
  }
  return null;
}

export function navigate(hash: string): void {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

let generation = 0;
export async function render(): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  const found = match(path);
  disposeCharts();
  clear(main);
  // data-ready marks the page on screen as fully drawn: gone until this render finishes.
  main.removeAttribute('data-ready');
  const mine = ++generation;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
    const target = a.getAttribute('href')!.slice(1);
    const current = path === target || path.startsWith(target + '/');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!found) {
    document.title = 'Not found · ViralVelocity';
    main.append(h('h1', {}, 'Page not found'), h('p', {}, 'No page at ', h('code', {}, path), '. ', h('a', { href: '#/' }, 'Home')));
    main.setAttribute('data-ready', String(mine));
    return;
  }
  document.title = `${found.route.title} · ViralVelocity`;
  main.setAttribute('data-page', found.route.parts[0] ?? 'home');
  await found.route.page(main, found.params, new URLSearchParams(qs ?? ''));
  if (mine === generation) main.setAttribute('data-ready', String(mine));
}

// True while the page that called it is still on screen (an old fetch must not draw on a new page).
export function current(): () => boolean {
  const mine = generation;
  return () => mine === generation;
}
