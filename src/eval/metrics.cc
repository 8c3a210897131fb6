// Metrics on held-out data; see metrics.h. Conventions, chosen to match the usual references
// (scikit-learn where it has the metric):
//   * empty input, or a metric that is undefined on the input (ROC-AUC with one class only,
//     R² with constant truth) -> NaN, so reports show "n/a" rather than a made-up number;
//   * vectors of different lengths are a programming error -> std::invalid_argument.
#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <unordered_set>

namespace vv::eval {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <typename A, typename B>
void CheckSameSize(const A& a, const B& b, const char* what) {
  if (a.size() != b.size()) {
    throw std::invalid_argument(std::string(what) + ": inputs differ in length (" +
                                std::to_string(a.size()) + " vs " + std::to_string(b.size()) +
                                ")");
  }
}

// Indices of `scores` sorted by decreasing score; ties keep input order (deterministic).
std::vector<size_t> OrderByScoreDesc(const std::vector<double>& scores) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return order;
}

double Mean(const std::vector<double>& v) {
  if (v.empty()) return kNaN;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

}  // namespace

// Pairs whose actual value is not positive are skipped: the ratio is undefined there.
double Mrse(const std::vector<double>& predicted, const std::vector<double>& actual) {
  CheckSameSize(predicted, actual, "Mrse");
  std::vector<double> errs;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] <= 0) continue;
    const double r = predicted[i] / actual[i] - 1.0;
    errs.push_back(r * r);
  }
  return Mean(errs);
}

double MedianApe(const std::vector<double>& predicted, const std::vector<double>& actual) {
  CheckSameSize(predicted, actual, "MedianApe");
  std::vector<double> apes;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] <= 0) continue;
    apes.push_back(std::abs(predicted[i] - actual[i]) / actual[i]);
  }
  if (apes.empty()) return kNaN;
  std::sort(apes.begin(), apes.end());
  const size_t n = apes.size();
  return n % 2 == 1 ? apes[n / 2] : 0.5 * (apes[n / 2 - 1] + apes[n / 2]);
}

// Negative values (never meaningful for counts) are clamped to 0 before log1p.
double MaeLog(const std::vector<double>& predicted, const std::vector<double>& actual) {
  CheckSameSize(predicted, actual, "MaeLog");
  std::vector<double> errs;
  for (size_t i = 0; i < actual.size(); ++i) {
    errs.push_back(std::abs(std::log1p(std::max(0.0, predicted[i])) -
                            std::log1p(std::max(0.0, actual[i]))));
  }
  return Mean(errs);
}

double R2Log(const std::vector<double>& predicted, const std::vector<double>& actual) {
  CheckSameSize(predicted, actual, "R2Log");
  if (actual.empty()) return kNaN;
  std::vector<double> lp, la;
  for (size_t i = 0; i < actual.size(); ++i) {
    lp.push_back(std::log1p(std::max(0.0, predicted[i])));
    la.push_back(std::log1p(std::max(0.0, actual[i])));
  }
  const double mean = Mean(la);
  double ss_res = 0, ss_tot = 0;
  for (size_t i = 0; i < la.size(); ++i) {
    ss_res += (la[i] - lp[i]) * (la[i] - lp[i]);
    ss_tot += (la[i] - mean) * (la[i] - mean);
  }
  if (ss_tot == 0) return kNaN;
  return 1.0 - ss_res / ss_tot;
}

double Coverage(const std::vector<double>& lo, const std::vector<double>& hi,
                const std::vector<double>& actual) {
  CheckSameSize(lo, actual, "Coverage");
  CheckSameSize(hi, actual, "Coverage");
  if (actual.empty()) return kNaN;
  size_t inside = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (lo[i] <= actual[i] && actual[i] <= hi[i]) ++inside;
  }
  return static_cast<double>(inside) / static_cast<double>(actual.size());
}

// Mann-Whitney U with average ranks for tied scores: a tied (positive, negative) pair counts 1/2.
double RocAuc(const std::vector<double>& scores, const std::vector<int>& labels) {
  CheckSameSize(scores, labels, "RocAuc");
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double pos_rank_sum = 0;
  size_t n_pos = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double avg_rank = 0.5 * static_cast<double>(i + 1 + j);  // ranks i+1..j
    for (size_t t = i; t < j; ++t) {
      if (labels[order[t]] != 0) {
        pos_rank_sum += avg_rank;
        ++n_pos;
      }
    }
    i = j;
  }
  const size_t n_neg = scores.size() - n_pos;
  if (n_pos == 0 || n_neg == 0) return kNaN;
  const double np = static_cast<double>(n_pos), nn = static_cast<double>(n_neg);
  return (pos_rank_sum - np * (np + 1) / 2.0) / (np * nn);
}

// Average precision (scikit-learn's average_precision_score): sum over distinct score thresholds
// of (recall step) x precision at that threshold. Tied scores enter together.
double PrAuc(const std::vector<double>& scores, const std::vector<int>& labels) {
  CheckSameSize(scores, labels, "PrAuc");
  const size_t n_pos = static_cast<size_t>(
      std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; }));
  if (n_pos == 0) return kNaN;
  const std::vector<size_t> order = OrderByScoreDesc(scores);
  double ap = 0, prev_recall = 0;
  size_t tp = 0, seen = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      if (labels[order[j]] != 0) ++tp;
      ++j;
    }
    seen = j;
    const double recall = static_cast<double>(tp) / static_cast<double>(n_pos);
    const double precision = static_cast<double>(tp) / static_cast<double>(seen);
    ap += (recall - prev_recall) * precision;
    prev_recall = recall;
    i = j;
  }
  return ap;
}

double Brier(const std::vector<double>& probs, const std::vector<int>& labels) {
  CheckSameSize(probs, labels, "Brier");
  std::vector<double> sq;
  for (size_t i = 0; i < probs.size(); ++i) {
    const double d = probs[i] - (labels[i] != 0 ? 1.0 : 0.0);
    sq.push_back(d * d);
  }
  return Mean(sq);
}

// Equal-width bins on [0, 1]; bin b holds p in [b/B, (b+1)/B), with p = 1 in the last bin.
// ECE = sum over bins of (share of samples) x |mean predicted - observed positive rate|.
double ExpectedCalibrationError(const std::vector<double>& probs, const std::vector<int>& labels,
                                int bins) {
  CheckSameSize(probs, labels, "ExpectedCalibrationError");
  if (probs.empty() || bins <= 0) return kNaN;
  std::vector<double> sum_p(bins, 0.0), sum_y(bins, 0.0);
  std::vector<size_t> count(bins, 0);
  for (size_t i = 0; i < probs.size(); ++i) {
    const double p = std::clamp(probs[i], 0.0, 1.0);
    const int b = std::min(bins - 1, static_cast<int>(p * bins));
    sum_p[b] += p;
    sum_y[b] += labels[i] != 0 ? 1.0 : 0.0;
    ++count[b];
  }
  double ece = 0;
  for (int b = 0; b < bins; ++b) {
    if (count[b] == 0) continue;
    ece += std::abs(sum_p[b] - sum_y[b]) / static_cast<double>(probs.size());
  }
  return ece;
}

std::vector<double> ShiftLogits(const std::vector<double>& probs, double offset) {
  constexpr double kEps = 1e-9;
  std::vector<double> out;
  out.reserve(probs.size());
  for (double p : probs) {
    const double c = std::clamp(p, kEps, 1 - kEps);
    out.push_back(1 / (1 + std::exp(-(std::log(c / (1 - c)) + offset))));
  }
  return out;
}

std::vector<double> ShiftToRate(const std::vector<double>& probs, double target_rate,
                                double* offset) {
  auto mean_at = [&](double d) {
    double s = 0;
    for (double p : ShiftLogits(probs, d)) s += p;
    return s / static_cast<double>(probs.size());
  };
  // The mean is increasing in the offset: bisection over a range no real offset leaves.
  double lo = -30, hi = 30;
  for (int i = 0; i < 100 && !probs.empty(); ++i) {
    const double mid = (lo + hi) / 2;
    (mean_at(mid) < target_rate ? lo : hi) = mid;
  }
  const double d = probs.empty() ? 0.0 : (lo + hi) / 2;
  if (offset) *offset = d;
  return ShiftLogits(probs, d);
}

double Accuracy(const std::vector<int>& predicted, const std::vector<int>& truth) {
  CheckSameSize(predicted, truth, "Accuracy");
  if (truth.empty()) return kNaN;
  size_t right = 0;
  for (size_t i = 0; i < truth.size(); ++i) right += predicted[i] == truth[i] ? 1 : 0;
  return static_cast<double>(right) / static_cast<double>(truth.size());
}

// Classes are the union of those in truth and in predictions; a class whose precision or recall
// is undefined (never predicted / never true) gets F1 = 0, as scikit-learn does.
double MacroF1(const std::vector<int>& predicted, const std::vector<int>& truth) {
  CheckSameSize(predicted, truth, "MacroF1");
  if (truth.empty()) return kNaN;
  std::map<int, size_t> tp, n_pred, n_true;
  for (size_t i = 0; i < truth.size(); ++i) {
    ++n_pred[predicted[i]];
    ++n_true[truth[i]];
    if (predicted[i] == truth[i]) ++tp[truth[i]];
    tp.try_emplace(predicted[i], 0);
    tp.try_emplace(truth[i], 0);
  }
  double sum = 0;
  for (const auto& [cls, hits] : tp) {
    const double denom = static_cast<double>(n_pred[cls] + n_true[cls]);
    sum += denom > 0 ? 2.0 * static_cast<double>(hits) / denom : 0.0;
  }
  return sum / static_cast<double>(tp.size());
}

namespace {

// Calls fn(top_k_hits, n_relevant, ranked_unique) per query with a non-empty relevant set;
// queries with nothing relevant are skipped (recall and AP are undefined there). Duplicate
// suggestions count once.
template <typename Fn>
double AverageOverQueries(const std::vector<std::vector<std::string>>& ranked,
                          const std::vector<std::vector<std::string>>& relevant, Fn fn) {
  CheckSameSize(ranked, relevant, "ranking metric");
  double sum = 0;
  size_t queries = 0;
  for (size_t q = 0; q < ranked.size(); ++q) {
    const std::unordered_set<std::string> rel(relevant[q].begin(), relevant[q].end());
    if (rel.empty()) continue;
    std::vector<std::string> unique;
    std::unordered_set<std::string> seen;
    for (const auto& s : ranked[q]) {
      if (seen.insert(s).second) unique.push_back(s);
    }
    sum += fn(unique, rel);
    ++queries;
  }
  return queries == 0 ? kNaN : sum / static_cast<double>(queries);
}

size_t HitsInTopK(const std::vector<std::string>& ranked,
                  const std::unordered_set<std::string>& rel, size_t k) {
  size_t hits = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) hits += rel.count(ranked[i]);
  return hits;
}

}  // namespace

// Divides by k even when fewer than k suggestions were made (missing suggestions are misses).
double PrecisionAtK(const std::vector<std::vector<std::string>>& ranked,
                    const std::vector<std::vector<std::string>>& relevant, size_t k) {
  if (k == 0) return kNaN;
  return AverageOverQueries(ranked, relevant, [k](const auto& r, const auto& rel) {
    return static_cast<double>(HitsInTopK(r, rel, k)) / static_cast<double>(k);
  });
}

double RecallAtK(const std::vector<std::vector<std::string>>& ranked,
                 const std::vector<std::vector<std::string>>& relevant, size_t k) {
  return AverageOverQueries(ranked, relevant, [k](const auto& r, const auto& rel) {
    return static_cast<double>(HitsInTopK(r, rel, k)) / static_cast<double>(rel.size());
  });
}

// AP = (1/|relevant|) x sum over ranks i holding a relevant item of precision@i.
double MeanAveragePrecision(const std::vector<std::vector<std::string>>& ranked,
                            const std::vector<std::vector<std::string>>& relevant) {
  return AverageOverQueries(ranked, relevant, [](const auto& r, const auto& rel) {
    double ap = 0;
    size_t hits = 0;
    for (size_t i = 0; i < r.size(); ++i) {
      if (rel.count(r[i]) == 0) continue;
      ++hits;
      ap += static_cast<double>(hits) / static_cast<double>(i + 1);
    }
    return ap / static_cast<double>(rel.size());
  });
}

// Divides by min(k, n); among tied scores, earlier inputs rank first (deterministic).
double PrecisionAtTopK(const std::vector<double>& scores, const std::vector<int>& labels,
                       size_t k) {
  CheckSameSize(scores, labels, "PrecisionAtTopK");
  const size_t take = std::min(k, scores.size());
  if (take == 0) return kNaN;
  const std::vector<size_t> order = OrderByScoreDesc(scores);
  size_t hits = 0;
  for (size_t i = 0; i < take; ++i) hits += labels[order[i]] != 0 ? 1 : 0;
  return static_cast<double>(hits) / static_cast<double>(take);
}

}  // namespace vv::eval
