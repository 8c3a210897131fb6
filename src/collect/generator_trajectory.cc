// View trajectories and snapshot times. Cumulative views follow a log-logistic curve
// V(t) = S * L(t) / L(168 h), L(t) = t^k / (t^k + tau^k): its derivative (the velocity) peaks
// early and then decays as a power law, the shape popularity studies report (Szabo & Huberman
// 2010; early and late log views are linearly related). Long-tail growers have a late tau;
// breakouts add a second, larger wave days after publication.
#include <algorithm>
#include <cmath>

#include "collect/generator_internal.h"

namespace vv::gen {
namespace {

struct Curve {
  double k = 1.5, tau = 20;
  double Shape(double t_hours) const {
    if (t_hours <= 0) return 0;
    double a = std::pow(t_hours, k);
    return a / (a + std::pow(tau, k));
  }
};

// Snapshot ages in hours: dense in the first hours, then gaps growing geometrically, with a
// last one close to the end of the observation window.
std::vector<double> SnapshotAges(Rng& rng, int days) {
  double end = days * 24.0;
  std::vector<double> ages;
  double t = rng.Uniform(0.3, 3.0);
  double gap = rng.Uniform(1.0, 2.5);
  while (t < end - 2.0) {
    ages.push_back(t);
    t += gap * rng.LogNormal(1.0, 0.25);
    gap *= 1.6;
  }
  ages.push_back(end - rng.Uniform(0.0, 1.5));
  return ages;
}

// The view curve of a video: the main wave and, for breakouts, a later and larger one.
struct Views {
  Curve main, wave;
  double scale = 0, wave_start = 0, wave_scale = 0;
  double At(double t) const {
    double v = scale * main.Shape(t) / main.Shape(168.0);
    if (wave_scale > 0) v += scale * wave_scale * wave.Shape(t - wave_start);
    return v;
  }
};

Views PickViews(Rng& rng, const VideoLatent& v) {
  Views views;
  views.scale = v.views_7d;
  switch (v.trajectory) {
    case Trajectory::kPeakDecay:
      views.main = {rng.Uniform(1.2, 2.2), rng.LogNormal(20.0, 0.5)};
      break;
    case Trajectory::kLongTail:
      views.main = {rng.Uniform(0.7, 1.1), rng.LogNormal(400.0, 0.6)};
      break;
    case Trajectory::kBreakout:
      views.main = {rng.Uniform(1.2, 2.0), rng.LogNormal(20.0, 0.5)};
      views.wave = {2.0, rng.LogNormal(30.0, 0.4)};
      views.wave_start = rng.Uniform(48.0, std::max(72.0, v.days * 24.0 * 0.7));
      views.wave_scale = rng.LogNormal(12.0, 0.6);
      break;
  }
  return views;
}

}  // namespace

std::vector<Snapshot> MakeSnapshots(Rng& rng, const VideoLatent& v, const std::string& id) {
  std::vector<double> ages = SnapshotAges(rng, v.days);
  const Views curve = PickViews(rng, v);
  // Bought views: a block added between two snapshots, with no likes or comments behind it.
  size_t spike_at = ages.size();
  double bought = 0;
  if (v.anomaly == AnomalyKind::kBoughtViews && ages.size() >= 4) {
    spike_at = static_cast<size_t>(rng.Int(2, static_cast<int64_t>(ages.size()) - 2));
    bought = curve.At(ages[spike_at]) * rng.Uniform(4.0, 30.0);
  }
  std::vector<Snapshot> out;
  out.reserve(ages.size());
  double views = 0, prev_natural = 0;
  int64_t likes = 0, comments = 0, dislikes = 0;
  for (size_t i = 0; i < ages.size(); ++i) {
    double t = ages[i];
    double nat = curve.At(t);
    // Jitter the increments, not the totals, so the counts never go down.
    views += std::max(0.0, nat - prev_natural) * rng.LogNormal(1.0, 0.12);
    prev_natural = nat;
    Snapshot s;
    s.video_id = id;
    s.captured_at = v.published_at + std::chrono::seconds(static_cast<int64_t>(t * 3600.0));
    double shown = views + (i >= spike_at ? bought : 0.0);
    s.views = static_cast<int64_t>(std::llround(shown));
    // Early viewers are fans: they like and comment more than later ones.
    double like_now = views * v.like_ratio * (1.0 + 0.25 * std::exp(-t / 24.0));
    double comment_now = views * v.comment_ratio * (1.0 + 0.5 * std::exp(-t / 12.0));
    likes = std::max(likes, static_cast<int64_t>(std::llround(like_now)));
    comments = std::max(comments, static_cast<int64_t>(std::llround(comment_now)));
    dislikes = std::max(dislikes, static_cast<int64_t>(std::llround(likes * v.dislike_ratio)));
    if (!v.ratings_disabled) {
      s.likes = likes;
      if (!v.dislikes_hidden) s.dislikes = dislikes;
    }
    if (!v.comments_disabled) s.comments = comments;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace vv::gen
