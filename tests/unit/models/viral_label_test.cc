// The shared viral label: who is labelled, cohorts by age band and category, the quantile rule.
#include "models/viral_label.h"

#include <gtest/gtest.h>

namespace vv {
namespace {

using std::chrono::hours;

const Timestamp kT0 = Timestamp(std::chrono::seconds(1'700'000'000));

void AddVideo(Dataset& d, const std::string& id, int category, int last_age_h, int64_t last_views,
              int snapshots = 2) {
  Video v;
  v.id = id;
  v.category_id = category;
  v.published_at = kT0;
  d.videos.push_back(v);
  for (int i = 0; i < snapshots; ++i) {
    Snapshot s;
    s.video_id = id;
    s.captured_at = kT0 + hours(last_age_h - (snapshots - 1 - i) * 6);
    s.views = last_views / (snapshots - i);
    d.snapshots[id].push_back(s);
  }
}

TEST(ViralAgeBand, DoublesFromOneDay) {
  EXPECT_EQ(ViralAgeBand(5), 0);
  EXPECT_EQ(ViralAgeBand(24), 1);
  EXPECT_EQ(ViralAgeBand(47), 1);
  EXPECT_EQ(ViralAgeBand(48), 2);
  EXPECT_EQ(ViralAgeBand(24 * 40), 6);
  EXPECT_EQ(ViralAgeBand(24 * 4000), 6);
}

TEST(LabelViral, TopOfEachAgeBandNotOfTheWholeStore) {
  Dataset d;
  // Young videos (last seen at ~30 h) have few views, old ones (~10 d) many: a store-wide
  // threshold would label only old videos. Each band keeps its own top 20 %.
  for (int i = 0; i < 10; ++i) AddVideo(d, "young" + std::to_string(i), 10, 30, 1000 * (i + 1));
  for (int i = 0; i < 10; ++i) AddVideo(d, "old" + std::to_string(i), 10, 240, 100000 * (i + 1));
  AddVideo(d, "single", 10, 30, 5000, /*snapshots=*/1);  // judged from its first = last snapshot
  Video no_date;
  no_date.id = "nodate";
  d.videos.push_back(no_date);
  const ViralLabels l = LabelViral(d, AllVideos(d), {0.8, 5});
  EXPECT_EQ(l.videos.size(), 20u);
  EXPECT_EQ(l.unlabelled, 2u);
  int young_pos = 0, old_pos = 0;
  for (size_t i = 0; i < l.videos.size(); ++i) {
    const std::string& id = d.videos[l.videos[i]].id;
    (id.rfind("young", 0) == 0 ? young_pos : old_pos) += l.labels[i];
  }
  EXPECT_EQ(young_pos, 2);  // the two largest of ten
  EXPECT_EQ(old_pos, 2);
  EXPECT_EQ(l.ToJson()["positives"], 4);
}

TEST(LabelViral, SmallCohortsFallBackToTheBandThenToAll) {
  Dataset d;
  for (int i = 0; i < 4; ++i) AddVideo(d, "a" + std::to_string(i), 1, 30, 100 * (i + 1));
  for (int i = 0; i < 4; ++i) AddVideo(d, "b" + std::to_string(i), 2, 30, 1000 * (i + 1));
  // min_cohort 6: no category cell is large enough, the band (8 videos) is.
  const ViralLabels l = LabelViral(d, AllVideos(d), {0.8, 6});
  int positives_a = 0;
  for (size_t i = 0; i < l.videos.size(); ++i) {
    if (d.videos[l.videos[i]].id[0] == 'a') positives_a += l.labels[i];
  }
  EXPECT_EQ(positives_a, 0);  // category 1's views are all below the band's top 20 %
  EXPECT_GT(l.ToJson()["positives"].get<int>(), 0);
}

}  // namespace
}  // namespace vv
