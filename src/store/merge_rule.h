#pragma once
// The one rule for a row written again (a re-imported file, a re-collected video, two rows of
// the same video in one batch): a value the new row knows replaces the stored one; a value it
// does not know (empty string, nullopt, no tags) keeps the stored one; comments_disabled and
// ratings_disabled only turn on, since false also means "not said"; a labelled title's label is
// always replaced. Applying a row twice changes nothing, so every import is idempotent.
//
// Each table's rule is one list of fields below. The in-memory merges (the collector's
// deduplicator, the trending importer, PostgreSQL's in-batch folding) and both backends'
// ON CONFLICT clauses are generated from those lists, so they cannot disagree.
#include <string>

#include "core/types.h"

namespace vv {

void MergeInto(Channel& stored, const Channel& incoming);
void MergeInto(Video& stored, const Video& incoming);
void MergeInto(Snapshot& stored, const Snapshot& incoming);
void MergeInto(LabelledTitle& stored, const LabelledTitle& incoming);
void MergeInto(Category& stored, const Category& incoming);

}  // namespace vv
