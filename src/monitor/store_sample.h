#pragma once
// The store read the way drift needs it (shared by `vv drift` and the server's GET /v1/drift
// reference sample), and the base-feature columns of a sample.
#include "core/result.h"
#include "monitor/base_drift.h"
#include "store/store.h"

namespace vv::monitor {

// Every video, snapshot (time-ordered per video) and channel of the store.
Result<StoreSample> LoadStoreSample(Store& store);

// BaseDriftFeatures of every video of the sample with a publication time, as columns named by
// BaseDriftFeatureNames(): the reference the server compares its live window with.
Columns SampleFeatureColumns(const StoreSample& sample);

}  // namespace vv::monitor
