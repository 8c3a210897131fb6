// PartialStoreWarning: what `vv stats`, `vv train` and `vv serve` say about a partial store.
#include "core/time_util.h"
#include "store/store.h"

namespace vv {

Result<std::string> PartialStoreWarning(Store& store) {
  auto markers = store.LoadMarkers();
  if (!markers.ok()) {
    // A wrapper or test double that keeps no markers: nothing can be marked partial there.
    if (markers.error().code == ErrorCode::kFailedPrecondition) return std::string();
    return markers.take_error();
  }
  for (const StoreMarker& marker : *markers) {
    if (marker.name != kGenerationMarker) continue;
    return "the store holds a PARTIAL data set: `" + marker.value + "`, started " +
           FormatIso8601(marker.set_at) +
           ", never finished (killed, or still running); run the same command again to "
           "complete it";
  }
  return std::string();
}

}  // namespace vv
