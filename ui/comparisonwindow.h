// The measurement comparison window: two or more measurement.json files of one model (the first is the
// reference) with accuracy-vs-bits curves per module, per-module differences, the allocations each file
// gives at one target, and summary statistics. Files of another model are refused with the reason.
#pragma once

#include "comparisoncharts.h"

#include "optimize/compare.h"
#include "optimize/compare_allocation.h"

#include <QMainWindow>

#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace exl2 {

class ComparisonWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ComparisonWindow(QWidget* parent = nullptr);

    // Reads and adds one file. False (and lastError() says why) when it cannot be read, is already open,
    // or measures another model than the files already open.
    bool addMeasurement(const QString& path);
    QString lastError() const { return m_lastError; }

    int fileCount() const { return int(m_files.size()); }
    QStringList fileNames() const;  // as shown in legends: file name, with its folder when names repeat
    double targetBpw() const;
    void setTargetBpw(double bpw);
    void showModule(const QString& key);

    // File i+1 against the reference (file 0).
    const std::vector<MeasurementComparison>& comparisons() const { return m_comparisons; }
    const std::vector<AllocationComparison>& allocationComparisons() const { return m_allocationComparisons; }
    QString allocationError() const { return m_allocationError; }

    ComparisonCurveChart* curveChart() const { return m_curves; }
    ComparisonDifferenceChart* differenceChart() const { return m_differences; }
    ComparisonAllocationChart* allocationChart() const { return m_allocation; }
    QTableWidget* summaryTable() const { return m_summary; }
    QTableWidget* allocationTable() const { return m_allocationTable; }

private slots:
    void addFromDialog();
    void moduleChosen();
    void targetChanged();

private:
    struct File {
        QString path;
        OptimizerProblem problem;
    };

    QString displayName(const QString& path, const std::vector<File>& others) const;
    void refresh();
    void refreshAllocations();

    std::vector<File> m_files;
    std::vector<MeasurementComparison> m_comparisons;
    std::vector<Allocation> m_allocations;
    std::vector<AllocationComparison> m_allocationComparisons;
    QString m_lastError, m_allocationError;

    QLabel* m_filesLabel;
    QLabel* m_message;
    QComboBox* m_module;
    QDoubleSpinBox* m_target;
    ComparisonCurveChart* m_curves;
    ComparisonDifferenceChart* m_differences;
    ComparisonAllocationChart* m_allocation;
    QTableWidget* m_summary;
    QTableWidget* m_allocationTable;
};

}  // namespace exl2
