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

// {"videos", "channels", "snapshots", "labelled_titles"} for logs and reports.
nlohmann::json DatasetSummary(const Dataset& data);

}  // namespace vv::train
