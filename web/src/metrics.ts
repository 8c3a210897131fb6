// A model's held-out evaluation, as the registry stores it: the trainer's report
// {"n", "metrics": {...}, "baselines": {"name": {...} | {"metrics": {...}}}, ...}. Some routes
// hand over the report, others only its "metrics" object; both are accepted here.
import type { Json } from './types';

export interface Evaluation {
  n?: number;
  metrics: Record<string, number>;
  baselines: Record<string, Record<string, number>>;
  meanAbsShap: { feature: string; mean_abs_shap: number }[];
  specs: Specs;
}

function numbers(o: Json): Record<string, number> {
  const out: Record<string, number> = {};
  if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number' && Number.isFinite(v) && k !== 'n') out[k] = v;
    }
  }
  return out;
}

// `specs`: the route's metric_specs (the model's descriptor).
export function evaluation(metrics: Json, manifest?: Json, specs?: unknown): Evaluation {
  let report: Json = metrics;
  const isReport = (r: Json) => r && typeof r === 'object' && r.metrics && typeof r.metrics === 'object';
  if (!isReport(report) && isReport(metrics?.report)) report = metrics.report;
  if (!isReport(report) && isReport(manifest?.report)) report = manifest.report;
  const flat = isReport(report) ? report.metrics : metrics;
  const baselinesSrc = (isReport(report) ? report.baselines : metrics?.baselines) ?? {};
  const baselines: Record<string, Record<string, number>> = {};
  for (const [name, b] of Object.entries(baselinesSrc as Record<string, Json>)) {
    baselines[name] = numbers(b && typeof b === 'object' && b.metrics ? b.metrics : b);
  }
  const shap = isReport(report) && Array.isArray(report.mean_abs_shap) ? report.mean_abs_shap : [];
  return { n: isReport(report) ? report.n : metrics?.n, metrics: numbers(flat), baselines, meanAbsShap: shap, specs: specsOf(specs) };
}

// What a metric means, as the API serves it from the model's descriptor (metric_specs of
// GET /v1/metrics/models and GET /v1/models/{name}): never guessed here from a metric's name.
export interface MetricSpec {
  name: string;
  direction: 'higher' | 'lower' | 'nominal' | 'none';
  judged: boolean;              // one of the metrics the model's verdict is decided on
  target?: number;              // nominal only
  acceptable?: [number, number];
}
export type Specs = Record<string, MetricSpec>;

export function specsOf(list: unknown): Specs {
  const out: Specs = {};
  if (Array.isArray(list)) for (const s of list as MetricSpec[]) if (s && typeof s.name === 'string') out[s.name] = s;
  return out;
}

// Metrics in the order to show them: the verdict metrics first (the descriptor's order), then
// the other known ones, then those without a spec.
export function metricOrder(metrics: string[], specs: Specs): string[] {
  const known = Object.values(specs).map((s) => s.name).filter((n) => metrics.includes(n));
  return [...known, ...metrics.filter((m) => !specs[m]).sort()];
}

const scored = (spec?: MetricSpec): spec is MetricSpec => !!spec && spec.direction !== 'none';

// The direction mark shown beside a metric's name: ↑ higher is better, ↓ lower, → best at a
// target; nothing for a parameter (k) or a metric the descriptor does not know.
export function directionMark(spec?: MetricSpec): string {
  if (!scored(spec)) return '';
  if (spec.direction === 'nominal') return ` → ${fmtTarget(spec.target)}`;
  return spec.direction === 'lower' ? ' ↓' : ' ↑';
}
const fmtTarget = (v?: number) => (typeof v === 'number' ? v.toFixed(2) : '?');

// How much better `mine` is than `other`, in the metric's own units: positive is better
// (for "lower", other - mine; for "nominal", how much closer to the target). null when the
// metric is not scored.
export function improvement(spec: MetricSpec | undefined, mine: number, other: number): number | null {
  if (!scored(spec)) return null;
  if (spec.direction === 'higher') return mine - other;
  if (spec.direction === 'lower') return other - mine;
  const t = spec.target ?? 0;
  return Math.abs(other - t) - Math.abs(mine - t);
}

// True when a nominal metric is outside its acceptable range (80 % coverage of 0.726).
export function targetMissed(spec: MetricSpec | undefined, value: number): boolean {
  if (!spec?.acceptable) return false;
  const [lo, hi] = spec.acceptable;
  return value < lo || value > hi;
}

// The model against its baselines on one metric: the best baseline, the signed improvement
// over it (positive: better) and the verdict. A tie is a tie: no check mark.
export interface Versus { best: string; delta: number; verdict: 'beats' | 'tie' | 'below' }
export function versus(spec: MetricSpec | undefined, mine: number, baselines: Record<string, Record<string, number>>, metric: string): Versus | null {
  let out: Versus | null = null;
  for (const [name, b] of Object.entries(baselines)) {
    if (typeof b[metric] !== 'number') continue;
    const d = improvement(spec, mine, b[metric]);
    if (d === null) return null;
    if (!out || d < out.delta) out = { best: name, delta: d, verdict: 'beats' };
  }
  if (out) {
    // Differences below the printed precision are ties, not wins.
    const eps = 1e-9 * Math.max(1, Math.abs(mine));
    out.verdict = out.delta > eps ? 'beats' : out.delta < -eps ? 'below' : 'tie';
  }
  return out;
}
