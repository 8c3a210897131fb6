// GET /v1/drift: live inputs and predictions against the training sample, per feature.
import { get } from '../api';
import { barChart } from '../charts';
import { fmtDate, fmtNum, h, table } from '../dom';
import { current } from '../router';
import type { DriftColumn, DriftReport, Json } from '../types';
import { emptyStoreHelp, errorBox, loading, section, statusBadge, storeIsEmpty } from '../ui';

function columns(caption: string, list: DriftColumn[]): HTMLElement {
  if (!list.length) return h('p', { class: 'muted' }, 'Nothing to compare yet: the live window fills as vv serve answers predictions.');
  return table(caption, ['name', 'PSI', 'PSI p', 'KS', 'KS p', 'n ref', 'n live', 'status'], list.map((c) => [
    h('code', {}, c.name), fmtNum(c.psi, 3), fmtNum(c.psi_p_value, 2), fmtNum(c.ks, 3), fmtNum(c.ks_p_value, 2), fmtNum(c.n_reference), fmtNum(c.n_current), statusBadge(c.status)]), 'drift');
}

function windowText(w: Json): string {
  const cur = w?.current ?? w;
  const parts: string[] = [];
  if (cur?.rows != null) parts.push(`${cur.rows} live rows (of ${cur.seen ?? cur.rows} seen, window ${cur.capacity ?? '–'})`);
  if (cur?.videos != null) parts.push(`${cur.videos} recent videos`);
  if (cur?.from) parts.push(`from ${fmtDate(cur.from)}`);
  if (cur?.to) parts.push(`to ${fmtDate(cur.to)}`);
  if (w?.since) parts.push(`since ${fmtDate(w.since)}`);
  return parts.join(', ') || 'window unknown';
}

export async function driftPage(main: HTMLElement): Promise<void> {
  const out = h('div', {}, loading());
  main.append(h('h1', {}, 'Drift'), h('p', { class: 'lead' }, 'Recent live inputs against the training-time sample: Population Stability Index and Kolmogorov–Smirnov per feature.'), out);
  const alive = current();
  let r: DriftReport;
  try {
    r = await get<DriftReport>('/v1/drift');
  } catch (e) {
    // An empty store has no reference sample: say how data arrives rather than that it failed.
    const empty = await storeIsEmpty();
    if (alive()) out.replaceChildren(empty ? emptyStoreHelp() : errorBox(e, 'Loading the drift report'));
    return;
  }
  if (!alive()) return;
  const t = r.thresholds ?? {};
  const withPsi = r.features.filter((c) => typeof c.psi === 'number');
  const chart = withPsi.length ? barChart('PSI per feature', withPsi.map((c) => c.name), [{ name: 'PSI', data: withPsi.map((c) => c.psi) }], { horizontal: true }) : null;
  out.replaceChildren(
    h('p', { class: 'summary' }, 'Overall: ', statusBadge(r.status ?? 'ok'), ' · ', windowText(r.window)),
    h('p', { class: 'legend' }, statusBadge('ok'), ` PSI < ${t.psi_warn ?? 0.1} `, statusBadge('warn'), ` PSI ≥ ${t.psi_warn ?? 0.1} or KS ≥ ${t.ks_warn ?? 0.1} `,
      statusBadge('drift'), ` PSI ≥ ${t.psi_drift ?? 0.25} or KS ≥ ${t.ks_drift ?? 0.2} (each only when its p < ${t.alpha ?? 0.05}) `, statusBadge('insufficient'), ' too few rows'),
    section('Features', columns('Feature drift', r.features), chart?.el ?? null),
    section('Predictions', columns('Prediction drift', r.predictions ?? [])),
  );
  chart?.draw();
}
