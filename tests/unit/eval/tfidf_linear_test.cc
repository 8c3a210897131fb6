#include "eval/tfidf_linear.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace vv::eval {
namespace {

using Doc = std::vector<std::string>;

TEST(Tfidf, IdfWeightsAndL2Norm) {
  TfidfOptions o;
  o.ngram_max = 1;
  o.min_df = 1;
  o.sublinear_tf = false;
  TfidfVectorizer v;
  v.Fit({{"a", "b"}, {"a", "c"}, {"a"}}, o);
  EXPECT_EQ(v.Size(), 3u);
  SparseRow row = v.Transform({"a", "b", "zzz"});
  ASSERT_EQ(row.index.size(), 2u);
  // idf(a) = ln(4/4) + 1 = 1, idf(b) = ln(4/2) + 1; then L2-normalized.
  double ia = 1.0, ib = std::log(2.0) + 1.0, norm = std::sqrt(ia * ia + ib * ib);
  double va = 0, vb = 0;
  for (size_t k = 0; k < row.index.size(); ++k) {
    (row.index[k] == 0 ? va : vb) = row.value[k];  // "a" is the most frequent: column 0
  }
  EXPECT_NEAR(va, ia / norm, 1e-6);
  EXPECT_NEAR(vb, ib / norm, 1e-6);
  EXPECT_TRUE(v.Transform({"nothing", "known"}).index.empty());
}

TEST(Tfidf, MinDfAndBigrams) {
  TfidfVectorizer v;
  v.Fit({{"new", "york", "times"}, {"new", "york", "post"}, {"old", "news"}});  // min_df 2
  EXPECT_EQ(v.Size(), 3u);  // new, york, "new york"
  EXPECT_EQ(v.Transform({"new", "york"}).index.size(), 3u);
}

// Two classes separable by a keyword with noise words around it.
void MakeDocs(size_t n, int classes, std::vector<Doc>* docs, std::vector<int>* labels,
              uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> noise = {"the", "a", "video", "new", "today", "with", "my"};
  for (size_t i = 0; i < n; ++i) {
    int c = static_cast<int>(rng() % classes);
    Doc d;
    for (int w = 0; w < 5; ++w) d.push_back(noise[rng() % noise.size()]);
    d.push_back("key" + std::to_string(c) + "_" + std::to_string(rng() % 3));
    docs->push_back(d);
    labels->push_back(c * 10);  // arbitrary class ids
  }
}

TEST(LinearClassifier, BinaryLogisticAndHinge) {
  std::vector<Doc> docs, test_docs;
  std::vector<int> labels, test_labels;
  MakeDocs(400, 2, &docs, &labels, 1);
  MakeDocs(200, 2, &test_docs, &test_labels, 2);
  for (LinearLoss loss : {LinearLoss::kLogistic, LinearLoss::kHinge}) {
    TfidfLinearModel m;
    LinearOptions o;
    o.loss = loss;
    ASSERT_TRUE(m.Fit(docs, labels, {}, o).ok());
    int correct = 0;
    for (size_t i = 0; i < test_docs.size(); ++i) correct += m.Predict(test_docs[i]) == test_labels[i];
    EXPECT_GE(correct, 195);
    double p = m.Probability({"key1_0"}, 10);
    EXPECT_GT(p, 0.5);
    EXPECT_NEAR(p + m.Probability({"key1_0"}, 0), 1.0, 1e-9);
    EXPECT_EQ(m.Probability({"key1_0"}, 99), 0.0);
    auto back = TfidfLinearModel::FromJson(m.ToJson(), "m.json");
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    EXPECT_DOUBLE_EQ(back->Probability({"key1_0", "video"}, 10), m.Probability({"key1_0", "video"}, 10));
    EXPECT_EQ(back->Predict(test_docs[0]), m.Predict(test_docs[0]));
  }
  EXPECT_FALSE(TfidfLinearModel::FromJson({{"tfidf", 1}}, "m.json").ok());
}

TEST(LinearClassifier, OneVsRestMultiClassAndJson) {
  std::vector<Doc> docs;
  std::vector<int> labels;
  MakeDocs(900, 4, &docs, &labels, 3);
  TfidfVectorizer v;
  v.Fit(docs);
  std::vector<SparseRow> rows;
  for (const auto& d : docs) rows.push_back(v.Transform(d));
  LinearClassifier c;
  ASSERT_TRUE(c.Fit(rows, labels, v.Size()).ok());
  EXPECT_EQ(c.classes(), (std::vector<int>{0, 10, 20, 30}));
  EXPECT_EQ(c.Predict(v.Transform({"key2_1", "video"})), 20);
  auto probs = c.Probabilities(v.Transform({"key3_2"}));
  ASSERT_EQ(probs.size(), 4u);
  double sum = 0;
  for (double p : probs) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_GT(probs[3], 0.5);

  auto back = LinearClassifier::FromJson(c.ToJson(), "m.json");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->Decision(rows[0]), c.Decision(rows[0]));
  EXPECT_FALSE(LinearClassifier::FromJson({{"classes", {1}}}, "m.json").ok());
}

TEST(LinearClassifier, NeedsTwoClassesAndIsDeterministic) {
  LinearClassifier c;
  auto st = c.Fit({DenseRow({1.0})}, {1}, 1);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("two classes"), std::string::npos);
  std::vector<SparseRow> rows = {DenseRow({1, 0}), DenseRow({0, 1}), DenseRow({1, 0.1}),
                                 DenseRow({0.1, 1})};
  LinearClassifier a, b;
  ASSERT_TRUE(a.Fit(rows, {1, 0, 1, 0}, 2).ok());
  ASSERT_TRUE(b.Fit(rows, {1, 0, 1, 0}, 2).ok());
  EXPECT_EQ(a.ToJson(), b.ToJson());
  EXPECT_GT(a.Weight(0, 0), a.Weight(0, 1));
}

}  // namespace
}  // namespace vv::eval
