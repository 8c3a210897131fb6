// The six answers for one video: used by the live prediction page and the video page.
import { barChart, lineChart } from './charts';
import { fmtNum, fmtPct, h, table } from './dom';
import type {
  AnomalyPrediction, ClickbaitPrediction, GenrePrediction, ModelAnswer, ModelName, Predictions,
  TagsPrediction, VelocityPrediction, ViralPrediction,
} from './types';
import { MODEL_NAMES } from './types';

const TITLES: Record<ModelName, string> = {
  velocity: 'Views ahead', viral: 'Viral probability', clickbait: 'Clickbait score',
  genre: 'Category', tags: 'Tag suggestions', anomaly: 'Engagement anomaly',
};

function horizonLabel(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} d` : `${hours} h`;
}

type Draw = () => void;

function velocity(p: VelocityPrediction, draws: Draw[]): Node[] {
  const level = Math.round((p.interval_level ?? 0.8) * 100);
  const rows = p.horizons.map((x) => [horizonLabel(x.hours), fmtNum(x.views), `${fmtNum(x.lo)} – ${fmtNum(x.hi)}`,
    fmtNum(x.views_per_hour), x.observed ? 'observed' : 'forecast']);
  const pos = (v: number) => Math.max(v, 1);  // the log axis has no zero
  const chart = lineChart(`Forecast views at ${p.horizons.map((x) => horizonLabel(x.hours)).join(', ')} with ${level} % interval`, [
    { name: 'views', data: p.horizons.map((x) => [x.hours, pos(x.views)]) },
    { name: `${level} % low`, data: p.horizons.map((x) => [x.hours, pos(x.lo)]), dashed: true },
    { name: `${level} % high`, data: p.horizons.map((x) => [x.hours, pos(x.hi)]), dashed: true },
  ], { log: true, xName: 'hours after publication' });
  draws.push(chart.draw);
  return [chart.el, table(`Views by horizon (${level} % interval)`, ['horizon', 'views', 'interval', 'views/hour', ''], rows)];
}

function viral(p: ViralPrediction, draws: Draw[]): Node[] {
  const top = p.top_features ?? [];
  const out: Node[] = [h('p', { class: 'big' }, fmtPct(p.probability), p.label ? h('span', { class: 'badge status-drift' }, 'likely top 20 %') : null)];
  if (top.length) {
    const chart = barChart('Top feature contributions (log-odds)', top.map((t) => t.feature), [{ name: 'contribution', data: top.map((t) => t.contribution) }], { horizontal: true });
    draws.push(chart.draw);
    out.push(h('h4', {}, 'Top feature contributions'), chart.el);
  }
  return out;
}

function clickbait(p: ClickbaitPrediction): Node[] {
  const signals = p.signals ?? [];
  return [
    h('p', { class: 'big' }, fmtPct(p.score), ' ', h('span', { class: `badge ${p.label ? 'status-warn' : 'status-ok'}` }, p.label ? 'clickbait' : 'not clickbait')),
    signals.length
      ? table('Signals that drove it', ['signal', 'value', 'weight'], signals.map((s) => [s.name, fmtNum(s.value), fmtNum(s.weight)]))
      : h('p', { class: 'muted' }, 'No title signal fired.'),
  ];
}

function genre(p: GenrePrediction): Node[] {
  return [h('ol', { class: 'ranked' }, (p.top ?? []).slice(0, 3).map((g) =>
    h('li', {}, h('span', {}, `${g.name} (${g.category_id})`), meter(g.probability))))];
}

function tags(p: TagsPrediction): Node[] {
  const list = p.tags ?? [];
  if (!list.length) return [h('p', { class: 'muted' }, 'No suggestion.')];
  return [h('ul', { class: 'tags' }, list.map((t) => h('li', { title: `score ${fmtNum(t.score)}` }, t.tag)))];
}

function anomaly(p: AnomalyPrediction): Node[] {
  return [
    h('p', { class: 'big' }, fmtNum(p.score, 2), ' ', h('span', { class: `badge ${p.flag ? 'status-drift' : 'status-ok'}` }, p.flag ? 'suspicious' : 'normal')),
    (p.reasons ?? []).length ? h('ul', { class: 'reasons' }, p.reasons.map((r) => h('li', {}, r))) : h('p', { class: 'muted' }, 'No reason to doubt this pattern.'),
  ];
}

function meter(p: number): HTMLElement {
  return h('span', { class: 'meter' }, h('span', { class: 'meter-bar', style: `width:${Math.round(Math.max(0, Math.min(1, p)) * 100)}%` }), h('span', { class: 'meter-text' }, fmtPct(p)));
}

function body(name: ModelName, answer: ModelAnswer, draws: Draw[]): Node[] {
  const p = answer.prediction as never;
  switch (name) {
    case 'velocity': return velocity(p, draws);
    case 'viral': return viral(p, draws);
    case 'clickbait': return clickbait(p);
    case 'genre': return genre(p);
    case 'tags': return tags(p);
    case 'anomaly': return anomaly(p);
  }
}

const FIELD_WORDS: Record<string, string> = { title: 'a title', published_at: 'a publish date', snapshots: 'at least one snapshot' };

// A model that gives no answer because the request lacks a field it needs is not a failure:
// say what it needs, calmly (the form marks the field itself, from the answer's warnings).
function errorContent(e: NonNullable<ModelAnswer['error']>): Node[] {
  const field = /^is required by /.test(e.message) ? /^\$\.(\w+)$/.exec(e.path)?.[1] : undefined;
  if (field) return [h('p', { class: 'muted needs' }, `No answer: this model needs ${FIELD_WORDS[field] ?? field}.`)];
  return [h('p', { class: 'error inline', role: 'note' }, e.message)];
}

// Returns the grid; call the returned draw() once it is in the document.
export function predictionGrid(predictions: Predictions): { el: HTMLElement; draw: () => void } {
  const draws: Draw[] = [];
  const cards = MODEL_NAMES.map((name) => {
    const answer = predictions[name];
    let content: Node[];
    if (!answer) content = [h('p', { class: 'muted' }, 'Model not loaded.')];
    else if (answer.error) content = errorContent(answer.error);
    else {
      try {
        content = body(name, answer, draws);
      } catch (e) {
        content = [h('p', { class: 'error inline' }, `Unexpected answer shape: ${String(e)}`)];
      }
    }
    return h('article', { class: `card prediction`, 'data-model': name },
      h('h3', {}, TITLES[name], answer?.version ? h('span', { class: 'version' }, ` ${name} ${answer.version}`) : null), ...content);
  });
  return { el: h('div', { class: 'predictions' }, cards), draw: () => draws.forEach((d) => d()) };
}
