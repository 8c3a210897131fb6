// What drives the viral model: mean |contribution| per feature on held-out rows (from its
// training report), one stored video's own top contributions, and the feature schema.
import { get } from '../api';
import { barChart } from '../charts';
import { h } from '../dom';
import { evaluation } from '../metrics';
import { current } from '../router';
import type { ModelDetail, VideoDetail, ViralPrediction } from '../types';
import { errorBox, loading, section } from '../ui';
import { notTrained } from './models';

export async function featuresPage(main: HTMLElement): Promise<void> {
  const out = h('div', {}, loading());
  const explainOut = h('div', { 'aria-live': 'polite' });
  const idInput = h('input', { type: 'text', id: 'explain-id', placeholder: 'a video id from the store' });
  const explain = h('form', { class: 'filters' }, h('label', { for: 'explain-id' }, 'Video id'), idInput, h('button', { type: 'submit', class: 'primary' }, 'Explain'));
  explain.addEventListener('submit', async (e) => {
    e.preventDefault();
    explainOut.replaceChildren(loading());
    try {
      const d = await get<VideoDetail>(`/v1/videos/${encodeURIComponent(idInput.value.trim())}`);
      const viral = d.predictions?.viral;
      if (!viral || viral.error || !viral.prediction) {
        explainOut.replaceChildren(h('p', { class: 'error inline' }, viral?.error?.message ?? 'The viral model did not answer.'));
        return;
      }
      const p = viral.prediction as ViralPrediction;
      const chart = barChart(`Top contributions for ${d.video.title}`, p.top_features.map((t) => t.feature), [{ name: 'contribution', data: p.top_features.map((t) => t.contribution) }], { horizontal: true });
      explainOut.replaceChildren(h('p', {}, `${d.video.title}: probability ${(p.probability * 100).toFixed(1)} %`), chart.el);
      chart.draw();
    } catch (err) {
      explainOut.replaceChildren(errorBox(err, 'Explaining'));
    }
  });
  main.append(h('h1', {}, 'Feature analysis'), out, section('One video, explained', h('p', { class: 'muted' }, 'Contributions in log-odds: positive pushes toward viral.'), explain, explainOut));

  const alive = current();
  let d: ModelDetail;
  try {
    d = await get<ModelDetail>('/v1/models/viral');
  } catch (e) {
    if (alive()) out.replaceChildren(notTrained(e, 'viral') ?? errorBox(e, 'Loading the viral model'));
    return;
  }
  if (!alive()) return;
  const ev = evaluation(d.metrics, d.manifest);
  const shap = ev.meanAbsShap;
  const chart = shap.length
    ? barChart('Mean absolute contribution per feature on held-out videos', shap.map((s) => s.feature), [{ name: 'mean |SHAP|', data: shap.map((s) => s.mean_abs_shap) }], { horizontal: true })
    : null;
  const features = d.feature_schema?.features ?? [];
  out.replaceChildren(
    section(`Viral model ${d.described_version ?? ''}: global importance`, chart?.el ?? h('p', { class: 'muted' }, 'The report holds no importance figures.')),
    section('Feature schema', h('p', { class: 'muted' }, `${features.length} features, schema version ${d.feature_schema?.version ?? '–'}, hash `, h('code', {}, (d.feature_schema?.hash ?? '–').slice(0, 16))),
      h('ol', { class: 'schema columns' }, features.map((f) => h('li', {}, h('code', {}, f))))),
  );
  chart?.draw();
}
