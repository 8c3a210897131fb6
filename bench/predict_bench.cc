// Prediction of all six champions for one video, and for a batch of 1,000, with no HTTP
// (issue 3 targets: < 200 us median for one video, < 20 ms for 1,000; single thread).
//   VV_REGISTRY=models VV_DB=sqlite:var/vv.db build/bench/bench_predict
// Videos come from the store (the demo's), with every snapshot known, as serving sees them.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "models/batch_predict.h"
#include "core/time_util.h"
#include "models/model.h"
#include "registry/registry.h"
#include "serve/input_sanity.h"
#include "store/store.h"

namespace vv {
namespace {

struct Fixture {
  std::vector<std::shared_ptr<const Model>> models;
  std::vector<VideoInput> inputs;
};

const Fixture& Load() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    const char* reg = std::getenv("VV_REGISTRY");
    registry::Registry models_registry(reg ? reg : "models");
    for (const auto& name : ModelKinds()) {
      auto loaded = models_registry.LoadChampion(name);
      if (!loaded.ok()) {
        std::fprintf(stderr, "bench_predict: %s: %s\n", name.c_str(),
                     loaded.error().ToString().c_str());
        continue;
      }
      f->models.push_back(loaded->model);
    }
    auto store = OpenStore(ResolveStoreUrl(""));
    if (!store.ok()) {
      std::fprintf(stderr, "bench_predict: %s\n", store.error().ToString().c_str());
      return f;
    }
    VideoFilter filter;
    filter.limit = 1000;
    auto videos = (*store)->LoadVideos(filter);
    if (!videos.ok()) return f;
    for (auto& video : *videos) {
      VideoInput input;
      auto snapshots = (*store)->LoadSnapshots(video.id);
      if (snapshots.ok()) input.snapshots = std::move(*snapshots);
      auto channel = (*store)->GetChannel(video.channel_id);
      if (channel.ok()) input.channel = *channel;
      input.video = std::move(video);
      f->inputs.push_back(std::move(input));
    }
    return f;
  }();
  return *fixture;
}

void BM_AllSixOneVideo(benchmark::State& state) {
  const Fixture& f = Load();
  if (f.models.size() != 6 || f.inputs.empty()) {
    state.SkipWithError("need six champions and a store with videos (VV_REGISTRY, VV_DB)");
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    const VideoInput& input = f.inputs[i++ % f.inputs.size()];
    for (const auto& model : f.models) benchmark::DoNotOptimize(model->Predict(input));
  }
}
BENCHMARK(BM_AllSixOneVideo)->ComputeStatistics("median", [](const std::vector<double>& v) {
  std::vector<double> s = v;
  std::sort(s.begin(), s.end());
  return s[s.size() / 2];
})->Repetitions(5)->Unit(benchmark::kMicrosecond);

// One model at a time (index in ModelKinds() order), to show where the time goes.
void BM_OneModel(benchmark::State& state) {
  const Fixture& f = Load();
  size_t m = static_cast<size_t>(state.range(0));
  if (m >= f.models.size() || f.inputs.empty()) {
    state.SkipWithError("model not loaded");
    return;
  }
  state.SetLabel(f.models[m]->Name());
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.models[m]->Predict(f.inputs[i++ % f.inputs.size()]));
  }
}
BENCHMARK(BM_OneModel)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond);

void BM_AllSixBatch1000(benchmark::State& state) {
  const Fixture& f = Load();
  if (f.models.size() != 6 || f.inputs.size() < 1000) {
    state.SkipWithError("need six champions and >= 1000 videos in the store");
    return;
  }
  for (auto _ : state) {
    for (const auto& input : f.inputs) {
      for (const auto& model : f.models) benchmark::DoNotOptimize(model->Predict(input));
    }
  }
}
BENCHMARK(BM_AllSixBatch1000)->Unit(benchmark::kMillisecond);

// The same batch through PredictBatch on 2 threads (the machine's cores). Real time is the
// measure here: CPU time counts the calling thread only.
void BM_AllSixBatch1000Threads2(benchmark::State& state) {
  const Fixture& f = Load();
  if (f.models.size() != 6 || f.inputs.size() < 1000) {
    state.SkipWithError("need six champions and >= 1000 videos in the store");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(PredictBatch(f.models, f.inputs, 2));
}
BENCHMARK(BM_AllSixBatch1000Threads2)->Unit(benchmark::kMillisecond)->UseRealTime();

// PredictBatch on the calling thread: its model-by-model order against the loop above.
void BM_AllSixBatch1000ModelMajor(benchmark::State& state) {
  const Fixture& f = Load();
  if (f.models.size() != 6 || f.inputs.size() < 1000) {
    state.SkipWithError("need six champions and >= 1000 videos in the store");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(PredictBatch(f.models, f.inputs, 1));
}
BENCHMARK(BM_AllSixBatch1000ModelMajor)->Unit(benchmark::kMillisecond);

// What the sanity checks add to every prediction request (serve/input_sanity.h): the
// impossibilities and the warnings of one stored video, judged for all six models.
void BM_InputSanity(benchmark::State& state) {
  const auto& f = Load();
  if (f.inputs.empty()) return state.SkipWithError("no videos in the store");
  const std::vector<std::string> models = {"velocity", "viral", "clickbait", "genre", "tags",
                                           "anomaly"};
  const Timestamp now = Now();
  size_t i = 0;
  for (auto _ : state) {
    const VideoInput& input = f.inputs[i++ % f.inputs.size()];
    auto impossible = serve::ImpossibleInputs(input, "$");
    auto warnings = serve::UnusualInputs(input, "$", now, models);
    benchmark::DoNotOptimize(impossible);
    benchmark::DoNotOptimize(warnings);
  }
}
BENCHMARK(BM_InputSanity)->Unit(benchmark::kNanosecond);

}  // namespace
}  // namespace vv

BENCHMARK_MAIN();
