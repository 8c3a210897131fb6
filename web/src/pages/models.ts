// GET /v1/models and GET /v1/models/{name}: versions, aliases, metrics beside baselines.
import { ApiError, get } from '../api';
import { barChart } from '../charts';
import { fmtDate, fmtNum, h, table } from '../dom';
import { atLeastAsGood, directionMark, evaluation, type Evaluation } from '../metrics';
import { current } from '../router';
import type { ModelDetail, ModelSummary } from '../types';
import { errorBox, loading, section } from '../ui';

export async function modelsPage(main: HTMLElement): Promise<void> {
  const out = h('div', {}, loading());
  main.append(h('h1', {}, 'Models'), h('p', { class: 'lead' }, 'Every model in the registry; serving loads each one\'s champion.'), out);
  const alive = current();
  try {
    const r = await get<{ models: ModelSummary[] }>('/v1/models');
    if (!alive()) return;
    out.replaceChildren(r.models.length
      ? table('Registry', ['model', 'versions', 'champion', 'challenger', 'serving'], r.models.map((m) => [
          h('a', { href: `#/models/${encodeURIComponent(m.name)}` }, m.name), String(m.versions.length),
          m.aliases?.champion ?? '–', m.aliases?.challenger ?? '–', m.loaded_version ?? 'not loaded']))
      : h('p', { class: 'empty' }, 'The registry holds no model yet: fill the store (vv generate, vv import or vv collect), then run vv train.'));
  } catch (e) {
    if (alive()) out.replaceChildren(errorBox(e, 'Loading models'));
  }
}

// A model the registry does not hold (yet), in plain words: null for any other error.
export function notTrained(e: unknown, name: string): HTMLElement | null {
  if (!(e instanceof ApiError) || e.code !== 'not_found') return null;
  return h('div', { class: 'card', role: 'status', 'data-code': e.code },
    h('p', {}, `The registry holds no model named “${name}”. `, h('a', { href: '#/models' }, 'See the models it holds'), '.'),
    h('p', { class: 'muted' }, 'A model appears here once vv train has trained it.'));
}

// Metric | model | each baseline, the better of each row marked.
export function comparisonTable(caption: string, ev: Evaluation): HTMLElement {
  const names = Object.keys(ev.baselines);
  const metrics = Object.keys(ev.metrics);
  if (!metrics.length) return h('p', { class: 'muted' }, 'No held-out metrics recorded.');
  return table(caption, ['metric', 'model', ...names], metrics.map((m) => {
    const mine = ev.metrics[m];
    const others = names.map((n) => ev.baselines[n][m]);
    const known = others.filter((x) => typeof x === 'number');
    const wins = known.length > 0 && known.every((x) => atLeastAsGood(m, mine, x));
    return [m + directionMark(m), h('span', { class: wins ? 'win' : '' }, fmtNum(mine, 4), wins ? [' ', h('abbr', { title: 'beats every baseline', 'aria-label': 'beats every baseline' }, '✓')] : null),
      ...others.map((x) => fmtNum(x, 4))];
  }), 'metrics');
}

// Grouped bars of the metrics the model shares with its baselines.
export function comparisonChart(label: string, ev: Evaluation) {
  const names = Object.keys(ev.baselines);
  const shared = Object.keys(ev.metrics).filter((m) => names.some((n) => typeof ev.baselines[n][m] === 'number'));
  if (!shared.length) return null;
  return barChart(label, shared, [
    { name: 'model', data: shared.map((m) => ev.metrics[m]) },
    ...names.map((n) => ({ name: n, data: shared.map((m) => ev.baselines[n][m] ?? null) })),
  ]);
}

export async function modelPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const out = h('div', {}, loading());
  main.append(h('p', {}, h('a', { href: '#/models' }, '← All models')), h('h1', {}, `Model: ${params.name}`), out);
  const alive = current();
  let d: ModelDetail;
  try {
    d = await get<ModelDetail>(`/v1/models/${encodeURIComponent(params.name)}`);
  } catch (e) {
    if (alive()) out.replaceChildren(notTrained(e, params.name) ?? errorBox(e, 'Loading the model'));
    return;
  }
  if (!alive()) return;
  const aliases = Object.entries(d.aliases ?? {}).filter(([, v]) => typeof v === 'string');
  const ev = evaluation(d.metrics, d.manifest);
  const chart = comparisonChart(`${d.name} metrics beside its baselines`, ev);
  const features = d.feature_schema?.features ?? [];
  out.replaceChildren(
    h('dl', { class: 'facts' },
      h('dt', {}, 'Serving'), h('dd', {}, d.loaded_version ?? 'not loaded'),
      h('dt', {}, 'Aliases'), h('dd', {}, aliases.map(([k, v]) => `${k} → ${v}`).join(', ') || 'none'),
      h('dt', {}, 'Shown'), h('dd', {}, d.described_version ?? '–'),
      h('dt', {}, 'Held-out rows'), h('dd', {}, fmtNum(ev.n))),
    section('Metrics beside baselines', comparisonTable(`${d.name} ${d.described_version ?? ''} on held-out data`, ev), chart?.el ?? null),
    section('Versions', table('Versions', ['version', 'created', 'aliases', 'metrics'], (d.versions ?? []).map((v) => {
      const m = evaluation(v.metrics).metrics;
      return [v.version, fmtDate(v.created_at), (v.aliases ?? []).join(', ') || '–',
        Object.entries(m).slice(0, 4).map(([k, x]) => `${k} ${fmtNum(x, 3)}`).join(' · ') || '–'];
    }))),
    section('Feature schema', features.length
      ? h('div', {}, h('p', { class: 'muted' }, `version ${d.feature_schema?.version ?? '–'}, hash `, h('code', {}, (d.feature_schema?.hash ?? '').slice(0, 16))),
          h('ol', { class: 'schema' }, features.map((f) => h('li', {}, h('code', {}, f)))))
      : h('p', { class: 'muted' }, 'No feature schema recorded.')),
    section('Training config', h('pre', { class: 'json' }, JSON.stringify(d.config ?? {}, null, 2))),
  );
  chart?.draw();
}
