// GET /v1/models and GET /v1/models/{name}: versions, aliases, metrics beside baselines.
import { ApiError, get } from '../api';
import { barChart } from '../charts';
import { fmtDate, fmtNum, h, table } from '../dom';
import { directionMark, evaluation, improvement, metricOrder, targetMissed, versus, type Evaluation, type Versus } from '../metrics';
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

// One badge per verdict, in words (colour is not the only sign).
function verdictBadge(v: Versus | null, missed: boolean): Node[] {
  const out: Node[] = [];
  if (v?.verdict === 'below') out.push(h('span', { class: 'badge status-drift' }, 'below baseline'));
  if (v?.verdict === 'tie') out.push(h('span', { class: 'badge status-insufficient' }, 'tie'));
  if (missed) out.push(h('span', { class: 'badge status-drift' }, 'target missed'));
  if (v?.verdict === 'beats' && !missed) out.push(h('span', { class: 'badge status-ok' }, 'beats baselines'));
  return out;
}

const signed = (d: number) => (d > 0 ? '+' : d < 0 ? '−' : '±') + fmtNum(Math.abs(d), 3);

// Metric | ours | each baseline | ours vs the best baseline (+ is better) | verdict. The
// direction and target of each metric are the descriptor's (the API's metric_specs); a metric
// it does not score (k) is shown, unscored.
export function comparisonTable(caption: string, ev: Evaluation): HTMLElement {
  const names = Object.keys(ev.baselines);
  const metrics = metricOrder(Object.keys(ev.metrics), ev.specs);
  if (!metrics.length) return h('p', { class: 'muted' }, 'No held-out metrics recorded.');
  return table(caption, ['metric', 'ours', ...names, 'ours vs best baseline (+ is better)', 'verdict'], metrics.map((m) => {
    const spec = ev.specs[m];
    const mine = ev.metrics[m];
    const v = versus(spec, mine, ev.baselines, m);
    const missed = targetMissed(spec, mine);
    const wins = v?.verdict === 'beats';
    const name = h('span', { class: spec?.judged ? 'judged' : '' }, m + directionMark(spec), spec?.direction === 'none' ? h('span', { class: 'muted' }, ' (parameter)') : null);
    return [name, h('span', { class: wins ? 'win' : v?.verdict === 'below' ? 'lose' : '' }, fmtNum(mine, 4),
      wins ? [' ', h('abbr', { title: 'better than every baseline', 'aria-label': 'better than every baseline' }, '✓')] : null),
    ...names.map((n) => fmtNum(ev.baselines[n][m], 4)),
    v ? h('span', { class: v.verdict === 'below' ? 'lose' : '' }, `${signed(v.delta)} vs ${v.best}`) : '–',
    h('span', { class: 'verdict' }, verdictBadge(v, missed))];
  }), 'metrics');
}

// The model's standing in one sentence, from its verdict metrics: plain about a loss.
export function verdictSummary(ev: Evaluation): HTMLElement | null {
  const judged = metricOrder(Object.keys(ev.metrics), ev.specs).filter((m) => ev.specs[m]?.judged);
  if (!judged.length) return null;
  const below = judged.filter((m) => versus(ev.specs[m], ev.metrics[m], ev.baselines, m)?.verdict === 'below');
  const missed = Object.keys(ev.metrics).filter((m) => targetMissed(ev.specs[m], ev.metrics[m]));
  const parts: string[] = [];
  if (below.length) parts.push(`Below its best baseline on ${below.length} of ${judged.length} verdict metrics (${below.join(', ')}).`);
  if (missed.length) parts.push(`Target missed: ${missed.map((m) => `${m} ${fmtNum(ev.metrics[m], 3)}, wanted ${ev.specs[m].acceptable!.map((x) => fmtNum(x, 3)).join('–')}`).join('; ')}.`);
  const bad = parts.length > 0;
  return h('p', { class: `verdict-summary ${bad ? 'lose' : 'win'}`, role: 'status' },
    bad ? parts.join(' ') : `Better than or level with its baselines on all ${judged.length} verdict metrics.`);
}

// Grouped bars: how much better than each baseline, in % of the baseline's value, per verdict
// metric that is higher- or lower-is-better (positive: better, whatever the direction). One
// direction and one scale on the chart, so an mRSE of 6.2 cannot dwarf a ROC-AUC of 0.7; the
// others (a coverage target, an R² near 0 whose % would explode) stay in the table.
export function comparisonChart(label: string, ev: Evaluation) {
  const names = Object.keys(ev.baselines);
  const shared = metricOrder(Object.keys(ev.metrics), ev.specs).filter((m) => {
    const d = ev.specs[m]?.direction;
    return ev.specs[m]?.judged && (d === 'higher' || d === 'lower') && names.some((n) => typeof ev.baselines[n][m] === 'number');
  });
  if (!shared.length) return null;
  const pct = (m: string, n: string) => {
    const theirs = ev.baselines[n][m];
    if (typeof theirs !== 'number' || theirs === 0) return null;
    const d = improvement(ev.specs[m], ev.metrics[m], theirs);
    return d === null ? null : Number(((100 * d) / Math.abs(theirs)).toFixed(1));
  };
  return barChart(label, shared, names.map((n) => ({ name: `vs ${n}`, data: shared.map((m) => pct(m, n)) })),
    { valueName: 'better than baseline (%)' });
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
  const ev = evaluation(d.metrics, d.manifest, d.metric_specs);
  const chart = comparisonChart(`${d.name} metrics beside its baselines`, ev);
  const features = d.feature_schema?.features ?? [];
  out.replaceChildren(
    h('dl', { class: 'facts' },
      h('dt', {}, 'Serving'), h('dd', {}, d.loaded_version ?? 'not loaded'),
      h('dt', {}, 'Aliases'), h('dd', {}, aliases.map(([k, v]) => `${k} → ${v}`).join(', ') || 'none'),
      h('dt', {}, 'Shown'), h('dd', {}, d.described_version ?? '–'),
      h('dt', {}, 'Held-out rows'), h('dd', {}, fmtNum(ev.n))),
    section('Metrics beside baselines', verdictSummary(ev), comparisonTable(`${d.name} ${d.described_version ?? ''} on held-out data`, ev), chart?.el ?? null),
    section('Versions', table('Versions', ['version', 'created', 'aliases', 'metrics'], (d.versions ?? []).map((v) => {
      // Every metric, verdict metrics first, each with its direction.
      const m = evaluation(v.metrics).metrics;
      return [v.version, fmtDate(v.created_at), (v.aliases ?? []).join(', ') || '–',
        metricOrder(Object.keys(m), ev.specs).map((k) => `${k}${directionMark(ev.specs[k])} ${fmtNum(m[k], 3)}`).join(' · ') || '–'];
    }))),
    section('Feature schema', features.length
      ? h('div', {}, h('p', { class: 'muted' }, `version ${d.feature_schema?.version ?? '–'}, hash `, h('code', {}, (d.feature_schema?.hash ?? '').slice(0, 16))),
          h('ol', { class: 'schema' }, features.map((f) => h('li', {}, h('code', {}, f)))))
      : h('p', { class: 'muted' }, 'No feature schema recorded.')),
    section('Training config', h('pre', { class: 'json' }, JSON.stringify(d.config ?? {}, null, 2))),
  );
  chart?.draw();
}
