#include "monitor/drift_stats.h"

#include <algorithm>
#include <cmath>

namespace vv::monitor {

namespace {

std::vector<double> FiniteSorted(std::span<const double> values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<double> QuantileEdges(std::span<const double> reference, int bins) {
  std::vector<double> sorted = FiniteSorted(reference);
  std::vector<double> edges;
  if (sorted.empty() || bins < 2) return edges;
  const size_t n = sorted.size();
  for (int i = 1; i < bins; ++i) {
    size_t rank = (static_cast<size_t>(i) * n + bins - 1) / bins;  // ceil(i * n / bins)
    double cut = sorted[std::max<size_t>(rank, 1) - 1];
    // A cut at the maximum would leave the last bin empty by construction.
    if (cut >= sorted.back()) continue;
    if (edges.empty() || cut > edges.back()) edges.push_back(cut);
  }
  return edges;
}

std::vector<double> BinProportions(std::span<const double> values, std::span<const double> edges) {
  std::vector<double> counts(edges.size() + 1, 0.0);
  double total = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    size_t k = std::lower_bound(edges.begin(), edges.end(), v) - edges.begin();
    counts[k] += 1;
    total += 1;
  }
  if (total > 0) {
    for (double& c : counts) c /= total;
  }
  return counts;
}

double PsiFromProportions(std::span<const double> reference, std::span<const double> current) {
  double psi = 0;
  const size_t k = std::min(reference.size(), current.size());
  for (size_t i = 0; i < k; ++i) {
    double r = std::max(reference[i], kPsiEpsilon);
    double c = std::max(current[i], kPsiEpsilon);
    psi += (c - r) * std::log(c / r);
  }
  return psi;
}

Result<PsiResult> PopulationStabilityIndex(std::span<const double> reference,
                                           std::span<const double> current, int bins) {
  if (bins < 2) return MakeError(ErrorCode::kInvalidArgument, "PSI needs at least 2 bins", "bins");
  std::vector<double> edges = QuantileEdges(reference, bins);
  std::vector<double> r = BinProportions(reference, edges);
  std::vector<double> c = BinProportions(current, edges);
  auto empty = [](const std::vector<double>& p) {
    return std::all_of(p.begin(), p.end(), [](double x) { return x == 0; });
  };
  if (empty(r)) return MakeError(ErrorCode::kInvalidArgument, "no finite value", "reference");
  if (empty(c)) return MakeError(ErrorCode::kInvalidArgument, "no finite value", "current");
  PsiResult out;
  out.value = PsiFromProportions(r, c);
  out.bins = static_cast<int>(edges.size()) + 1;
  const double n = static_cast<double>(FiniteSorted(reference).size());
  const double m = static_cast<double>(FiniteSorted(current).size());
  out.p_value = out.bins < 2 ? 1.0 : ChiSquareSurvival(out.value * n * m / (n + m), out.bins - 1);
  return out;
}

double ChiSquareSurvival(double x, double dof) {
  // Q(a, x) with a = dof / 2 and x / 2: the series for P when x < a + 1, else Lentz's continued
  // fraction for Q (Numerical Recipes 6.2).
  const double a = dof / 2, z = x / 2;
  if (!(z > 0)) return 1.0;
  const double log_prefix = -z + a * std::log(z) - std::lgamma(a);
  if (z < a + 1) {
    double term = 1.0 / a, sum = term;
    for (int k = 1; k < 1000 && std::fabs(term) > std::fabs(sum) * 1e-15; ++k) {
      term *= z / (a + k);
      sum += term;
    }
    return std::clamp(1.0 - sum * std::exp(log_prefix), 0.0, 1.0);
  }
  const double tiny = 1e-300;
  double b = z + 1 - a, c = 1 / tiny, d = 1 / b, f = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    f *= delta;
    if (std::fabs(delta - 1) < 1e-15) break;
  }
  return std::clamp(std::exp(log_prefix) * f, 0.0, 1.0);
}

double KolmogorovSurvival(double lambda) {
  if (lambda < 1e-3) return 1.0;
  double sum = 0;
  double sign = 1;
  for (int j = 1; j <= 100; ++j) {
    double term = sign * std::exp(-2.0 * j * j * lambda * lambda);
    sum += term;
    if (std::fabs(term) < 1e-12) break;
    sign = -sign;
  }
  return std::clamp(2.0 * sum, 0.0, 1.0);
}

Result<KsResult> KolmogorovSmirnov(std::span<const double> reference,
                                   std::span<const double> current) {
  std::vector<double> a = FiniteSorted(reference);
  std::vector<double> b = FiniteSorted(current);
  if (a.empty()) return MakeError(ErrorCode::kInvalidArgument, "no finite value", "reference");
  if (b.empty()) return MakeError(ErrorCode::kInvalidArgument, "no finite value", "current");
  const double n = static_cast<double>(a.size());
  const double m = static_cast<double>(b.size());
  size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    // Step past every copy of the smallest next value on both sides before comparing the CDFs.
    double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d, std::fabs(static_cast<double>(i) / n - static_cast<double>(j) / m));
  }
  KsResult out;
  out.statistic = d;
  const double ne = n * m / (n + m);
  const double root = std::sqrt(ne);
  out.p_value = KolmogorovSurvival((root + 0.12 + 0.11 / root) * d);
  return out;
}

}  // namespace vv::monitor
