// Live predictions: a form for one video, POST /v1/predict, the six answers. An API error is
// shown beside the field its JSON path names ($.snapshots[2].views -> the snapshots box).
import { ApiError, post } from '../api';
import { analyzeBox } from '../analyze';
import { CATEGORIES } from '../categories';
import { clear, h } from '../dom';
import { predictionGrid } from '../predictions';
import { current } from '../router';
import type { Predictions } from '../types';
import { errorBox } from '../ui';

interface Field { path: string; id: string; label: string; el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement; error: HTMLElement }

const EXAMPLE_SNAPSHOTS = '2024-05-01T18:00:00Z, 1500, 90, 12\n2024-05-02T00:00:00Z, 4200, 210, 31';

function field(path: string, label: string, control: Field['el']): Field {
  const id = 'f-' + path.replace(/^\$\./, '').replace(/\./g, '-');
  control.id = id;
  control.setAttribute('name', path);
  const error = h('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', `${id}-error`);
  return { path, id, label, el: control, error };
}

function row(f: Field, hint?: string): HTMLElement {
  if (hint) f.el.setAttribute('aria-describedby', `${f.id}-hint ${f.id}-error`);
  return h('div', { class: 'field', 'data-path': f.path }, h('label', { for: f.id }, f.label), f.el,
    hint ? h('p', { class: 'hint', id: f.id + '-hint' }, hint) : null, f.error);
}

// A number when the text is one; otherwise the text itself, so the server names the bad field.
function value(text: string): number | string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function parseSnapshots(text: string): { value?: unknown[]; error?: ApiError } {
  const out: unknown[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (let i = 0; i < lines.length; ++i) {
    const cells = lines[i].split(',').map((c) => c.trim());
    if (cells.length < 2 || cells.length > 4) {
      return { error: new ApiError(0, 'invalid_argument', `line ${i + 1}: want captured_at, views[, likes[, comments]]`, `$.snapshots[${i}]`) };
    }
    const s: Record<string, unknown> = { captured_at: cells[0] };
    ['views', 'likes', 'comments'].forEach((k, j) => {
      const v = value(cells[j + 1] ?? '');
      if (v !== undefined) s[k] = v;
    });
    out.push(s);
  }
  return { value: out };
}

export async function predictPage(main: HTMLElement): Promise<void> {
  const category = h('select', {}, h('option', { value: '' }, '(unknown)'), CATEGORIES.map(([id, name]) => h('option', { value: String(id) }, `${name} (${id})`)));
  const fields = {
    title: field('$.title', 'Title', h('input', { type: 'text', maxlength: 200, required: true, value: 'I tried 100 days of coding' })),
    description: field('$.description', 'Description', h('textarea', { rows: 3 }, 'Day by day.')),
    tags: field('$.tags', 'Tags', h('input', { type: 'text', value: 'coding, programming' })),
    category: field('$.category_id', 'Category', category),
    published: field('$.published_at', 'Published at', h('input', { type: 'text', value: '2024-05-01T12:00:00Z', inputmode: 'text' })),
    duration: field('$.duration_s', 'Duration (seconds)', h('input', { type: 'text', inputmode: 'numeric', value: '612' })),
    subscribers: field('$.channel.subscribers', 'Channel subscribers', h('input', { type: 'text', inputmode: 'numeric', value: '120000' })),
    videos: field('$.channel.videos', 'Channel videos', h('input', { type: 'text', inputmode: 'numeric', value: '340' })),
    views: field('$.channel.views', 'Channel views', h('input', { type: 'text', inputmode: 'numeric', value: '9800000' })),
    snapshots: field('$.snapshots', 'Snapshots', h('textarea', { rows: 4, spellcheck: 'false' }, EXAMPLE_SNAPSHOTS)),
  };
  (category as HTMLSelectElement).value = '28';
  const all = Object.values(fields);
  const formError = h('div', { class: 'form-error', 'aria-live': 'assertive' });
  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Predict');

  const showError = (e: unknown) => {
    if (e instanceof ApiError && e.path) {
      const path = e.path.replace(/^\$\.video\./, '$.');
      // The field whose path is the longest prefix of the error's path.
      const target = all.filter((f) => path === f.path || path.startsWith(f.path + '.') || path.startsWith(f.path + '['))
        .sort((a, b) => b.path.length - a.path.length)[0] ?? (path.startsWith('$.channel') ? fields.subscribers : undefined);
      if (target) {
        target.error.textContent = `${e.message} (${e.path})`;
        target.el.setAttribute('aria-invalid', 'true');
        target.el.focus();
        return;
      }
    }
    formError.append(errorBox(e, 'Prediction'));
  };

  const form = h('form', { class: 'predict-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, 'Video'), row(fields.title), row(fields.description),
      row(fields.tags, 'Comma-separated.'), row(fields.category),
      row(fields.published, 'ISO 8601, e.g. 2024-05-01T12:00:00Z.'), row(fields.duration)),
    h('fieldset', {}, h('legend', {}, 'Channel'), row(fields.subscribers), row(fields.videos), row(fields.views)),
    h('fieldset', {}, h('legend', {}, 'Snapshots'),
      row(fields.snapshots, 'One per line, oldest first: captured_at, views, likes, comments.')),
    formError, submit);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const f of all) {
      f.error.textContent = '';
      f.el.removeAttribute('aria-invalid');
    }
    clear(formError);
    clear(results);
    const body: Record<string, unknown> = {};
    const put = (k: string, v: unknown) => { if (v !== undefined && v !== '') body[k] = v; };
    put('title', fields.title.el.value);
    put('description', fields.description.el.value);
    const tags = fields.tags.el.value.split(',').map((t) => t.trim()).filter(Boolean);
    if (tags.length) body.tags = tags;
    put('category_id', value(fields.category.el.value));
    put('published_at', fields.published.el.value.trim());
    put('duration_s', value(fields.duration.el.value));
    const channel: Record<string, unknown> = {};
    for (const [k, f] of [['subscribers', fields.subscribers], ['videos', fields.videos], ['views', fields.views]] as const) {
      const v = value(f.el.value);
      if (v !== undefined) channel[k] = v;
    }
    if (Object.keys(channel).length) body.channel = channel;
    const snaps = parseSnapshots(fields.snapshots.el.value);
    if (snaps.error) return showError(snaps.error);
    if (snaps.value!.length) body.snapshots = snaps.value;

    const alive = current();
    submit.setAttribute('disabled', '');
    submit.textContent = 'Predicting…';
    try {
      const answer = await post<{ predictions: Predictions }>('/v1/predict', body);
      if (!alive()) return;
      const grid = predictionGrid(answer.predictions);
      results.append(h('h2', {}, 'Predictions'), grid.el);
      grid.draw();
    } catch (e) {
      if (alive()) showError(e);
    } finally {
      submit.removeAttribute('disabled');
      submit.textContent = 'Predict';
    }
  });

  main.append(h('h1', {}, 'Live predictions'),
    h('p', { class: 'lead' }, 'Paste a YouTube URL, or describe a video as it is now; all six models answer at once.'),
    analyzeBox('analyze'),
    h('h2', {}, 'Or describe a video by hand'),
    h('div', { class: 'split' }, form, results));
}
