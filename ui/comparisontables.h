// The two tables of the measurement comparison window: summary statistics of each file against the
// reference (one column per compared file) and the allocations side by side (one row per module).
#pragma once

#include "optimize/compare.h"
#include "optimize/compare_allocation.h"

#include <QStringList>

#include <vector>

class QTableWidget;

namespace exl2 {

// Row labels of the summary table, in order (translated).
QStringList comparisonSummaryRows();

// names[0] is the reference; comparisons[i] / allocations[i] belong to names[i+1]. `allocations` may be
// empty (no allocation at this target).
void fillComparisonSummary(QTableWidget* table, const QStringList& names,
                           const std::vector<MeasurementComparison>& comparisons,
                           const std::vector<AllocationComparison>& allocations);

// One row per module; per file the chosen bpw and error (1 - accuracy), and whether it matches the reference.
void fillComparisonAllocationTable(QTableWidget* table, const QStringList& names, const std::vector<Allocation>& allocations,
                                   const std::vector<AllocationComparison>& comparisons);

}  // namespace exl2
