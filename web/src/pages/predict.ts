// Live predictions: a form for one video, POST /v1/predict, the six answers. Every problem is
// shown at once beside its field, in words: the form's own checks first (numbers as people
// type them: 120,000, 1.2M, 15k; dates), then the API's (its `fields` list: a snapshot before
// the publish date, ...). The API's warnings (falling views, likes above views, ...) are shown
// above the answers and beside their fields.
import { ApiError, post, type FieldProblem, type Warning } from '../api';
import { analyzeBox } from '../analyze';
import { CATEGORIES } from '../categories';
import { clear, h } from '../dom';
import { parseCount, parseDate, parseDuration } from '../numbers';
import { predictionGrid } from '../predictions';
import { current } from '../router';
import type { Predictions } from '../types';
import { errorBox } from '../ui';

interface Field {
  path: string; id: string; label: string;
  el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  error: HTMLElement; warning: HTMLElement;
}

const EXAMPLE_SNAPSHOTS = '2024-05-01T18:00:00Z, 1500, 90, 12\n2024-05-02T00:00:00Z, 4200, 210, 31';
const SNAPSHOT_COLUMNS = ['captured_at', 'views', 'likes', 'comments'];
const SNAPSHOT_WORDS: Record<string, string> = { captured_at: 'time', views: 'views', likes: 'likes', dislikes: 'dislikes', comments: 'comments' };

function field(path: string, label: string, control: Field['el']): Field {
  const id = 'f-' + path.replace(/^\$\./, '').replace(/\./g, '-');
  control.id = id;
  control.setAttribute('name', path);
  const error = h('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' });
  const warning = h('p', { class: 'field-warning', id: id + '-warning' });
  control.setAttribute('aria-describedby', `${id}-error ${id}-warning`);
  return { path, id, label, el: control, error, warning };
}

function row(f: Field, hint?: string): HTMLElement {
  if (hint) f.el.setAttribute('aria-describedby', `${f.id}-hint ${f.id}-error ${f.id}-warning`);
  return h('div', { class: 'field', 'data-path': f.path }, h('label', { for: f.id }, f.label), f.el,
    hint ? h('p', { class: 'hint', id: f.id + '-hint' }, hint) : null, f.error, f.warning);
}

// One snapshot line's cells. Commas inside numbers (120,000) are thousands separators, so the
// cells are split on ";", tabs or ", " when the line has them, else on spaces, else on commas.
function cells(line: string): string[] {
  if (/[;\t]/.test(line)) return line.split(/\s*[;\t]\s*/);
  if (/,\s/.test(line)) return line.split(/\s*,\s+/);
  if (/\s/.test(line)) return line.split(/\s+/);
  return line.split(',');
}

function parseSnapshots(text: string, problems: FieldProblem[]): unknown[] {
  const out: unknown[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  lines.forEach((line, i) => {
    const p = `$.snapshots[${i}]`;
    const c = cells(line).map((x) => x.trim());
    if (c.length < 2 || c.length > 4) {
      problems.push({ path: p, message: `needs a time and views, then optionally likes and comments (it has ${c.length} value${c.length === 1 ? '' : 's'})` });
      return;
    }
    const s: Record<string, unknown> = {};
    const at = parseDate(c[0]);
    if (at) s.captured_at = at;
    else problems.push({ path: `${p}.captured_at`, message: `"${c[0]}" is not a date and time such as 2024-05-01T18:00:00Z` });
    c.slice(1).forEach((cell, j) => {
      const key = SNAPSHOT_COLUMNS[j + 1];
      if (!cell) return;
      const n = parseCount(cell);
      if (n === null) problems.push({ path: `${p}.${key}`, message: `"${cell}" is not a number (120,000, 1.2M and 15k are fine)` });
      else s[key] = n;
    });
    out.push(s);
  });
  return out;
}

// What the API would refuse as impossible (src/serve/input_sanity.h), checked here only when
// the form has other problems and sends nothing: so that every problem shows at once. When the
// form sends, the API's own verdict is the one shown.
function impossible(body: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const published = typeof body.published_at === 'string' ? Date.parse(body.published_at) : NaN;
  const snaps = (Array.isArray(body.snapshots) ? body.snapshots : []) as { captured_at?: string }[];
  snaps.forEach((s, i) => {
    if (s.captured_at && Date.parse(s.captured_at) < published) {
      out.push({ path: `$.snapshots[${i}].captured_at`, message: `is before the publish date (${body.published_at}): a video has no views before it is published` });
    }
  });
  const asOf = typeof body.as_of === 'string' ? Date.parse(body.as_of) : NaN;
  const last = snaps.at(-1)?.captured_at;
  if (asOf < published) out.push({ path: '$.as_of', message: `is before the publish date (${body.published_at})` });
  else if (last && asOf < Date.parse(last)) out.push({ path: '$.as_of', message: `is before the last snapshot (${last})` });
  return out;
}

// The words a person reads for a JSON path: "$.snapshots[1].views" -> "Snapshot line 2: views".
export function subject(path: string, fields: Field[]): string {
  const snap = path.match(/^\$\.snapshots\[(\d+)\](?:\.(\w+))?/);
  if (snap) return `Snapshot line ${Number(snap[1]) + 1}${snap[2] ? ': ' + (SNAPSHOT_WORDS[snap[2]] ?? snap[2]) : ''}`;
  const f = fields.find((x) => x.path === path);
  if (f) return f.label;
  const name = path.replace(/^\$\.?/, '').replace(/[._]/g, ' ').trim();
  return name ? name[0].toUpperCase() + name.slice(1) : 'The video';
}

export async function predictPage(main: HTMLElement): Promise<void> {
  const category = h('select', {}, h('option', { value: '' }, '(unknown)'), CATEGORIES.map(([id, name]) => h('option', { value: String(id) }, `${name} (${id})`)));
  const fields = {
    title: field('$.title', 'Title', h('input', { type: 'text', maxlength: 200, value: 'I tried 100 days of coding' })),
    description: field('$.description', 'Description', h('textarea', { rows: 3 }, 'Day by day.')),
    tags: field('$.tags', 'Tags', h('input', { type: 'text', value: 'coding, programming' })),
    category: field('$.category_id', 'Category', category),
    published: field('$.published_at', 'Published at', h('input', { type: 'text', value: '2024-05-01T12:00:00Z' })),
    duration: field('$.duration_s', 'Duration', h('input', { type: 'text', value: '612' })),
    subscribers: field('$.channel.subscribers', 'Channel subscribers', h('input', { type: 'text', value: '120,000' })),
    videos: field('$.channel.videos', 'Channel videos', h('input', { type: 'text', value: '340' })),
    views: field('$.channel.views', 'Channel views', h('input', { type: 'text', value: '9.8M' })),
    snapshots: field('$.snapshots', 'Snapshots', h('textarea', { rows: 4, spellcheck: 'false' }, EXAMPLE_SNAPSHOTS)),
    asOf: field('$.as_of', 'Predict as of', h('input', { type: 'text', value: '' })),
  };
  (category as HTMLSelectElement).value = '28';
  const all = Object.values(fields);
  const formError = h('div', { class: 'form-error', 'aria-live': 'assertive' });
  const warnings = h('div', { id: 'warnings', 'aria-live': 'polite' });
  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Predict');

  // The field whose path is the longest prefix of `path` ($.snapshots[2].views -> snapshots).
  const fieldOf = (path: string): Field | undefined =>
    all.filter((f) => path === f.path || path.startsWith(f.path + '.') || path.startsWith(f.path + '['))
      .sort((a, b) => b.path.length - a.path.length)[0] ?? (path.startsWith('$.channel') ? fields.subscribers : undefined);
  const say = (p: FieldProblem) => `${subject(p.path, all)} ${p.message}`;
  const addLine = (el: HTMLElement, text: string) => el.append(h('span', { class: 'line' }, text));

  // Every problem beside its field; the first field with one gets the focus.
  const showProblems = (problems: FieldProblem[]) => {
    let first: Field | undefined;
    for (const p of problems) {
      const target = fieldOf(p.path);
      if (!target) {
        formError.append(h('p', { class: 'error inline', role: 'alert' }, say(p)));
        continue;
      }
      addLine(target.error, say(p));
      target.el.setAttribute('aria-invalid', 'true');
      first ??= target;
    }
    first?.el.focus();
  };
  const showWarnings = (list: Warning[]) => {
    if (!list.length) return;
    for (const w of list) {
      const target = fieldOf(w.path);
      if (target) addLine(target.warning, say(w));
    }
    warnings.append(h('div', { class: 'warnings', role: 'status' },
      h('h2', {}, list.length === 1 ? 'One thing looks unusual' : `${list.length} things look unusual`),
      h('p', { class: 'muted' }, 'The models answered anyway; check these inputs before trusting the numbers.'),
      h('ul', {}, list.map((w) => h('li', { 'data-code': w.code }, say(w))))));
  };

  // The request body, or the problems that stop it from being sent.
  const read = (): { body: Record<string, unknown>; problems: FieldProblem[] } => {
    const problems: FieldProblem[] = [];
    const body: Record<string, unknown> = {};
    const put = (k: string, v: unknown) => { if (v !== undefined && v !== '') body[k] = v; };
    const number = (f: Field, parse: (t: string) => number | null, what: string): number | undefined => {
      const t = f.el.value.trim();
      if (!t) return undefined;
      const n = parse(t);
      if (n === null) problems.push({ path: f.path, message: `"${t}" is not ${what}` });
      return n ?? undefined;
    };
    const date = (f: Field): string | undefined => {
      const t = f.el.value.trim();
      if (!t) return undefined;
      const d = parseDate(t);
      if (!d) problems.push({ path: f.path, message: `"${t}" is not a date and time such as 2024-05-01T12:00:00Z` });
      return d ?? undefined;
    };
    put('title', fields.title.el.value);
    put('description', fields.description.el.value);
    const tags = fields.tags.el.value.split(',').map((t) => t.trim()).filter(Boolean);
    if (tags.length) body.tags = tags;
    put('category_id', fields.category.el.value ? Number(fields.category.el.value) : undefined);
    put('published_at', date(fields.published));
    put('duration_s', number(fields.duration, parseDuration, 'a duration (612, 10:12 or 1:02:03)'));
    const channel: Record<string, unknown> = {};
    for (const [k, f] of [['subscribers', fields.subscribers], ['videos', fields.videos], ['views', fields.views]] as const) {
      const v = number(f, parseCount, 'a number (120,000, 1.2M and 15k are fine)');
      if (v !== undefined) channel[k] = v;
    }
    if (Object.keys(channel).length) body.channel = channel;
    const snaps = parseSnapshots(fields.snapshots.el.value, problems);
    if (snaps.length) body.snapshots = snaps;
    put('as_of', date(fields.asOf));
    if (problems.length) problems.push(...impossible(body));
    return { body, problems };
  };

  const form = h('form', { class: 'predict-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, 'Video'), row(fields.title), row(fields.description),
      row(fields.tags, 'Comma-separated.'), row(fields.category),
      row(fields.published, 'Date and time, e.g. 2024-05-01 12:00 (UTC unless a zone is given).'),
      row(fields.duration, 'Seconds (612) or minutes:seconds (10:12).')),
    h('fieldset', {}, h('legend', {}, 'Channel'), row(fields.subscribers, '120,000, 1.2M and 15k are fine.'), row(fields.videos), row(fields.views)),
    h('fieldset', {}, h('legend', {}, 'Snapshots'),
      row(fields.snapshots, 'One per line, oldest first: time, views, likes, comments (e.g. 2024-05-02T00:00:00Z, 4.2k, 210).'),
      row(fields.asOf, 'Optional: the moment of the prediction; by default the last snapshot.')),
    formError, submit);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const f of all) {
      clear(f.error);
      clear(f.warning);
      f.el.removeAttribute('aria-invalid');
    }
    clear(formError);
    clear(warnings);
    clear(results);
    const { body, problems } = read();
    if (problems.length) return showProblems(problems);

    const alive = current();
    submit.setAttribute('disabled', '');
    submit.textContent = 'Predicting…';
    try {
      const answer = await post<{ predictions: Predictions; warnings?: Warning[] }>('/v1/predict', body);
      if (!alive()) return;
      showWarnings(answer.warnings ?? []);
      const grid = predictionGrid(answer.predictions);
      results.append(h('h2', {}, 'Predictions'), grid.el);
      grid.draw();
    } catch (e) {
      if (!alive()) return;
      if (e instanceof ApiError && e.fields.some((p) => fieldOf(p.path))) showProblems(e.fields);
      else formError.append(errorBox(e, 'Prediction', () => form.requestSubmit()));
    } finally {
      submit.removeAttribute('disabled');
      submit.textContent = 'Predict';
    }
  });

  main.append(h('h1', {}, 'Live predictions'),
    h('p', { class: 'lead' }, 'Paste a YouTube URL, or describe a video as it is now; all six models answer at once.'),
    analyzeBox('analyze'),
    h('h2', {}, 'Or describe a video by hand'),
    h('div', { class: 'split' }, form, h('div', { class: 'answers' }, warnings, results)));
}
