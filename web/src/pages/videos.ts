// GET /v1/videos with search, category, sort and paging; the filters live in the hash so a
// search can be bookmarked and the back button works.
import { get, query } from '../api';
import { CATEGORIES, categoryName } from '../categories';
import { fmtDate, h, table } from '../dom';
import { current, navigate } from '../router';
import type { VideoList } from '../types';
import { emptyStoreHelp, errorBox, loading } from '../ui';

const PAGE = 20;

function duration(s: number | null | undefined): string {
  if (s == null) return '–';
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${m}:${String(s % 60).padStart(2, '0')}`;
}

export async function videosPage(main: HTMLElement, _p: Record<string, string>, q: URLSearchParams): Promise<void> {
  const state = { query: q.get('query') ?? '', category: q.get('category') ?? '', sort: q.get('sort') ?? '-published_at', offset: Number(q.get('offset') ?? 0) || 0 };
  const search = h('input', { type: 'search', id: 'v-query', value: state.query, placeholder: 'words in the title' });
  const cat = h('select', { id: 'v-category' }, h('option', { value: '' }, 'All categories'), CATEGORIES.map(([id, n]) => h('option', { value: String(id) }, n)));
  cat.value = state.category;
  const sort = h('select', { id: 'v-sort' },
    [['-published_at', 'Newest'], ['published_at', 'Oldest'], ['-views', 'Most viewed'], ['views', 'Least viewed'], ['title', 'Title A–Z'], ['-title', 'Title Z–A']]
      .map(([v, l]) => h('option', { value: v }, l)));
  sort.value = state.sort;
  const go = (offset: number) => navigate('#/videos' + query({ query: search.value.trim(), category: cat.value, sort: sort.value, offset: offset || undefined }));
  const form = h('form', { class: 'filters', role: 'search' },
    h('label', { for: 'v-query' }, 'Search'), search, h('label', { for: 'v-category' }, 'Category'), cat,
    h('label', { for: 'v-sort' }, 'Sort'), sort, h('button', { type: 'submit', class: 'primary' }, 'Search'));
  form.addEventListener('submit', (e) => { e.preventDefault(); go(0); });
  const out = h('div', {}, loading());
  main.append(h('h1', {}, 'Videos'), form, out);

  const alive = current();
  try {
    const list = await get<VideoList>('/v1/videos' + query({ query: state.query, category: state.category, sort: state.sort, limit: PAGE + 1, offset: state.offset }));
    if (!alive()) return;
    out.replaceChildren();
    const more = list.videos.length > PAGE;
    const videos = list.videos.slice(0, PAGE);
    if (!videos.length) {
      const filtered = Boolean(state.query || state.category);
      out.append(state.offset ? h('p', { class: 'empty' }, 'No more videos.')
        : filtered ? h('p', { class: 'empty' }, 'No video matches these filters.') : emptyStoreHelp());
    } else {
      out.append(table(`Videos ${state.offset + 1}–${state.offset + videos.length}`, ['title', 'category', 'published', 'duration'],
        videos.map((v) => [h('a', { href: `#/videos/${encodeURIComponent(v.id)}` }, v.title || v.id), categoryName(v.category_id), fmtDate(v.published_at), duration(v.duration_s)]), 'videos cards'));
    }
    const prev = h('button', { type: 'button', disabled: state.offset === 0 }, '← Previous');
    const next = h('button', { type: 'button', disabled: !more }, 'Next →');
    prev.addEventListener('click', () => go(Math.max(0, state.offset - PAGE)));
    next.addEventListener('click', () => go(state.offset + PAGE));
    out.append(h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, next));
  } catch (e) {
    if (alive()) out.replaceChildren(errorBox(e, 'Loading videos'));
  }
}
