#pragma once
// Loads everything training reads from a Store, once, for the six trainers.
#include <string>

#include "core/result.h"
#include "models/model.h"
#include "store/store.h"

namespace vv::train {

Result<Dataset> LoadDataset(Store& store);

// sha256 over the dataset's content that matters to training (video ids, categories, snapshot
// times and counts, labelled titles), independent of the order the store returned rows in.
std::string DatasetFingerprint(const Dataset& data);

// The dataset without the videos that `other` also holds, by video id or by channel (id or
// title): a model trained on `other` has seen them, so scoring on them would be leakage (the same
// video trends in several countries). *summary gets {"videos_dropped", "shared_channels"}.
Dataset WithoutShared(const Dataset& data, const Dataset& other, nlohmann::json* summary);

// {"videos", "channels", "snapshots", "labelled_titles"} for logs and reports.
nlohmann::json DatasetSummary(const Dataset& data);

}  // namespace vv::train
