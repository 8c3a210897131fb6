// A model's held-out evaluation, as the registry stores it: the trainer's report
// {"n", "metrics": {...}, "baselines": {"name": {...} | {"metrics": {...}}}, ...}. Some routes
// hand over the report, others only its "metrics" object; both are accepted here.
import type { Json } from './types';

export interface Evaluation {
  n?: number;
  metrics: Record<string, number>;
  baselines: Record<string, Record<string, number>>;
  meanAbsShap: { feature: string; mean_abs_shap: number }[];
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

export function evaluation(metrics: Json, manifest?: Json): Evaluation {
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
  return { n: isReport(report) ? report.n : metrics?.n, metrics: numbers(flat), baselines, meanAbsShap: shap };
}

// Metrics where a smaller value is better (median_ape and mape end in "ape"); coverage_NN is
// best at its nominal level NN %; everything else is "higher is better".
const LOWER_IS_BETTER = /(mrse|rmse|mae|ape$|brier|ece|loss|error)/i;
export const lowerIsBetter = (metric: string) => LOWER_IS_BETTER.test(metric);
export function nominalLevel(metric: string): number | null {
  const m = /(?:^|\.)coverage_(\d+)$/.exec(metric);
  return m ? Number(m[1]) / 100 : null;
}
// The direction mark shown beside a metric's name.
export function directionMark(metric: string): string {
  const level = nominalLevel(metric);
  if (level !== null) return ` → ${level.toFixed(2)}`;
  return lowerIsBetter(metric) ? ' ↓' : ' ↑';
}
// True when `mine` is at least as good as `other` for this metric.
export function atLeastAsGood(metric: string, mine: number, other: number): boolean {
  const level = nominalLevel(metric);
  if (level !== null) return Math.abs(mine - level) <= Math.abs(other - level);
  return lowerIsBetter(metric) ? mine <= other : mine >= other;
}
