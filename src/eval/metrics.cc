// Implemented by the training/evaluation work (issue 3); see metrics.h.
