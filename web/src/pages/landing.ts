import { get } from '../api';
import { analyzeBox } from '../analyze';
import { h } from '../dom';
import { current } from '../router';
import { emptyStoreHelp, errorBox, storeIsEmpty } from '../ui';

const MODELS: [string, string, string][] = [
  ['Velocity', 'How many views by tomorrow, next week, next month, with an 80 % interval.', 'XGBoost on log views, conformal intervals'],
  ['Viral', 'Will it end in the top 20 % of its cohort (same category, same age), and why.', 'XGBoost + calibration, feature contributions'],
  ['Clickbait', 'How clickbait is the title, and which signals say so.', 'fastText + title signals'],
  ['Genre', 'Which YouTube category fits, top 3 with probabilities.', 'fastText multi-class'],
  ['Tags', 'Which tags to add.', 'fastText one-vs-all + co-occurrence'],
  ['Anomaly', 'Is this engagement pattern real or bought.', 'isolation forest + robust z-scores'],
];

export async function landingPage(main: HTMLElement): Promise<void> {
  const ready = h('p', { class: 'readiness', role: 'status' }, 'Checking the server…');
  main.append(
    h('section', { class: 'hero' },
      h('h1', {}, 'Know how a video will do, before it does.'),
      h('p', { class: 'lead' }, 'ViralVelocity forecasts YouTube views at 24 hours, 7 days and 30 days, scores virality, clickbait and suspicious engagement, and suggests a category and tags: six models behind one fast JSON API.'),
      h('p', { class: 'actions' },
        h('a', { class: 'button primary', href: '#/predict' }, 'Try a prediction'),
        h('a', { class: 'button', href: '#/videos' }, 'Browse videos'),
        h('a', { class: 'button', href: '#/models' }, 'Models')),
      ready),
    analyzeBox('analyze'),
    h('section', { class: 'grid3', 'aria-label': 'The six models' }, MODELS.map(([name, q, how]) =>
      h('article', { class: 'card' }, h('h2', {}, name), h('p', {}, q), h('p', { class: 'muted' }, how)))),
    h('section', { class: 'card' }, h('h2', {}, 'For ML engineers'),
      h('ul', {},
        h('li', {}, h('a', { href: '#/performance' }, 'Model performance'), ': held-out metrics of each champion beside its baselines.'),
        h('li', {}, h('a', { href: '#/features' }, 'Feature analysis'), ': what drives the viral model, and the feature schema.'),
        h('li', {}, h('a', { href: '#/drift' }, 'Drift'), ': live inputs against the training sample (PSI, KS).'),
        h('li', {}, h('a', { href: '/docs' }, 'API reference'), ' and ', h('a', { href: '/metrics' }, 'Prometheus metrics'), '.'))),
  );
  const alive = current();
  try {
    const r = await get<{ ready: boolean; models?: Record<string, string | null> }>('/readyz', [503]);
    if (!alive()) return;
    const loaded = Object.values(r.models ?? {}).filter(Boolean).length;
    ready.textContent = r.ready ? `Server ready: ${loaded} models loaded.` : `Server up, not ready (${loaded} of 6 models loaded).`;
    if (await storeIsEmpty() && alive()) ready.after(emptyStoreHelp());
  } catch (e) {
    if (!alive()) return;
    // /readyz answers 503 with its JSON while models load; anything else is shown as it is.
    ready.replaceChildren(errorBox(e, 'Checking the server'));
  }
}
