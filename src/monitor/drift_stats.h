#pragma once
// Two-sample drift statistics on numeric distributions: the Population Stability Index over
// bins cut at the reference's quantiles, and the two-sample Kolmogorov-Smirnov statistic with its
// asymptotic p-value. Reference = the training-time sample, current = recent live inputs.
// NaN values are "unknown" (a hidden like count, say) and are left out of both statistics.
#include <cstddef>
#include <span>
#include <vector>

#include "core/result.h"

namespace vv::monitor {

// Proportions below this are raised to it so that an empty bin contributes a large but finite
// term instead of infinity (the usual convention; 1e-4 ~ one row in ten thousand).
inline constexpr double kPsiEpsilon = 1e-4;

// Interior cut points at the reference's i/bins quantiles (i = 1..bins-1) by the nearest-rank
// rule (cut i = sorted[ceil(i * n / bins) - 1]), duplicates and cuts at the maximum removed, so a
// constant feature yields no cut (one bin) and a feature that is 0 half the time gets a bin of
// its own for the zeros.
std::vector<double> QuantileEdges(std::span<const double> reference, int bins);

// Share of the finite values in each of edges.size() + 1 bins; bin k holds edges[k-1] < x <=
// edges[k] (the first bin is open below, the last open above). Empty input: all zeros.
std::vector<double> BinProportions(std::span<const double> values, std::span<const double> edges);

// PSI = sum_k (c_k - r_k) * ln(c_k / r_k) over proportions floored at kPsiEpsilon.
double PsiFromProportions(std::span<const double> reference, std::span<const double> current);

struct PsiResult {
  double value = 0;
  int bins = 1;       // bins actually used (ties in the reference merge quantile bins)
  // Under no drift, PSI * n_ref * n_cur / (n_ref + n_cur) is about chi-square with bins - 1
  // degrees of freedom (PSI is a symmetrised KL divergence), so small samples have a PSI floor
  // of about (bins - 1) (1 / n_ref + 1 / n_cur): 0.11 for 80 live rows in 10 bins. The p-value
  // says whether a PSI is above that noise.
  double p_value = 1;
};

// PSI with `bins` reference-quantile bins. InvalidArgument when either side has no finite value
// or bins < 2.
Result<PsiResult> PopulationStabilityIndex(std::span<const double> reference,
                                           std::span<const double> current, int bins = 10);

// P(X > x) for X ~ chi-square(dof), dof >= 1 (regularized upper incomplete gamma).
double ChiSquareSurvival(double x, double dof);

struct KsResult {
  double statistic = 0;  // D = sup_x |F_ref(x) - F_cur(x)|, in [0, 1]
  double p_value = 1;    // asymptotic (Kolmogorov distribution, Stephens' small-sample factor)
};

// Two-sample KS on the finite values; ties are stepped over together so equal samples give D = 0.
Result<KsResult> KolmogorovSmirnov(std::span<const double> reference,
                                   std::span<const double> current);

// Q_KS(lambda) = 2 sum_{j>=1} (-1)^{j-1} exp(-2 j^2 lambda^2): P(D > d) for large samples.
double KolmogorovSurvival(double lambda);

}  // namespace vv::monitor
