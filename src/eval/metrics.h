#pragma once
// Metrics on held-out data (issue 3 "Evaluation"). Pure functions; names in reports are
// snake_case (accuracy, macro_f1, roc_auc, pr_auc, brier, ece, mrse, mae_log, r2_log, p_at_5...).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vv::eval {

// Regression. mRSE as Szabo & Huberman define it: mean of (predicted/actual - 1)^2.
double Mrse(const std::vector<double>& predicted, const std::vector<double>& actual);
double MedianApe(const std::vector<double>& predicted, const std::vector<double>& actual);
double MaeLog(const std::vector<double>& predicted, const std::vector<double>& actual);  // on log1p
double R2Log(const std::vector<double>& predicted, const std::vector<double>& actual);
double Coverage(const std::vector<double>& lo, const std::vector<double>& hi,
                const std::vector<double>& actual);

// Binary classification; scores are probabilities of the positive class.
double RocAuc(const std::vector<double>& scores, const std::vector<int>& labels);
double PrAuc(const std::vector<double>& scores, const std::vector<int>& labels);
double Brier(const std::vector<double>& probs, const std::vector<int>& labels);
double ExpectedCalibrationError(const std::vector<double>& probs, const std::vector<int>& labels,
                                int bins = 10);

// Prior shift (Saerens et al. 2002, with the new prior known): the probabilities moved by one
// logit offset so that their mean is target_rate. For a label defined as a share of a population
// (viral: the top 20 % of a store's cohort) the rate is known without labels, so a model
// calibrated on one population can be re-based on another from its unlabelled inputs alone.
std::vector<double> ShiftToRate(const std::vector<double>& probs, double target_rate,
                                double* offset = nullptr);
// Every probability moved by `offset` in logit space.
std::vector<double> ShiftLogits(const std::vector<double>& probs, double offset);

// Multi-class on integer class ids (any ids; classes are those seen in truth or predicted).
double Accuracy(const std::vector<int>& predicted, const std::vector<int>& truth);
double MacroF1(const std::vector<int>& predicted, const std::vector<int>& truth);
// {"labels": [...], "matrix": [[...]]}, rows = truth, columns = predicted.

// Ranking: ranked suggestions against the set of relevant items, averaged over queries.
double PrecisionAtK(const std::vector<std::vector<std::string>>& ranked,
                    const std::vector<std::vector<std::string>>& relevant, size_t k);
double RecallAtK(const std::vector<std::vector<std::string>>& ranked,
                 const std::vector<std::vector<std::string>>& relevant, size_t k);
double MeanAveragePrecision(const std::vector<std::vector<std::string>>& ranked,
                            const std::vector<std::vector<std::string>>& relevant);

// Anomaly: precision among the k highest scores.
double PrecisionAtTopK(const std::vector<double>& scores, const std::vector<int>& labels, size_t k);

}  // namespace vv::eval
