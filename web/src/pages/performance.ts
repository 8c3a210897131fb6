// GET /v1/metrics/models: each champion's held-out metrics beside its baselines, as tables and
// grouped bars. Baselines come from the model's report (GET /v1/models/{name}) when the metrics
// route carries only the model's own numbers.
import { get } from '../api';
import { fmtDate, h } from '../dom';
import { evaluation, type Evaluation } from '../metrics';
import { current } from '../router';
import type { ModelDetail, ModelMetrics } from '../types';
import { MODEL_NAMES } from '../types';
import { errorBox, loading, section } from '../ui';
import { comparisonChart, comparisonTable, verdictSummary } from './models';

export async function performancePage(main: HTMLElement): Promise<void> {
  const out = h('div', {}, loading());
  main.append(h('h1', {}, 'Model performance'), h('p', { class: 'lead' }, 'Held-out metrics of each serving champion beside the baselines it must beat (↑ higher is better, ↓ lower is better, → best at its target; directions and targets from each model\'s descriptor). The delta is ours minus the best baseline, signed so that + is better.'), out);
  const alive = current();
  let r: ModelMetrics;
  try {
    r = await get<ModelMetrics>('/v1/metrics/models');
  } catch (e) {
    if (alive()) out.replaceChildren(errorBox(e, 'Loading metrics'));
    return;
  }
  const evals = await Promise.all(MODEL_NAMES.map(async (name): Promise<[string, Evaluation | null, string]> => {
    const entry = r.models[name];
    if (!entry) return [name, null, ''];
    let ev = evaluation({ metrics: entry.metrics, baselines: entry.baselines ?? {}, n: entry.n }, undefined, entry.metric_specs);
    if (!Object.keys(ev.baselines).length) {
      try {
        const d = await get<ModelDetail>(`/v1/models/${name}`);
        const withReport = evaluation(d.metrics, d.manifest, d.metric_specs ?? entry.metric_specs);
        if (Object.keys(withReport.baselines).length) ev = withReport;
      } catch {
        // the model's own numbers are still worth showing
      }
    }
    return [name, ev, `${entry.version}, trained ${fmtDate(entry.created_at)}`];
  }));
  if (!alive()) return;
  const draws: (() => void)[] = [];
  out.replaceChildren(...evals.map(([name, ev, about]) => {
    if (!ev) return section(name, h('p', { class: 'muted' }, 'No champion loaded.'));
    const chart = comparisonChart(`${name}: model and baselines`, ev);
    if (chart) draws.push(chart.draw);
    return h('section', { class: 'card', 'data-model': name }, h('h2', {}, h('a', { href: `#/models/${name}` }, name), h('span', { class: 'version' }, ` ${about}`)),
      verdictSummary(ev), comparisonTable(`${name} held-out metrics`, ev), chart?.el ?? null);
  }));
  draws.forEach((d) => d());
}
