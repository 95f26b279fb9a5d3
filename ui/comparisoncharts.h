// The three charts of the measurement comparison window: one module's accuracy-vs-bits curve per file,
// the per-module accuracy differences of each file against the first, and the bits per weight each
// file's allocation gives every module at one target.
#pragma once

#include "chartbase.h"

#include "optimize/compare.h"
#include "optimize/optimizer.h"

#include <QStringList>

#include <vector>

namespace exl2 {

// A distinct colour per opened file (the first is the reference).
QColor comparisonColor(int fileIndex);

class ComparisonCurveChart : public ChartBase {
    Q_OBJECT
public:
    explicit ComparisonCurveChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;

    // One curve per file: the options of one module (same key in every file), by bits per weight.
    void setModule(const QString& key, const QStringList& fileNames, const std::vector<const OptimizerSlot*>& chosenSlots);
    QString moduleKey() const { return m_key; }

protected:
    QString describePoint(QCPAbstractPlottable* plottable, int index) const override;  // with the recipe

private:
    QString m_key;
    QStringList m_names;
    std::vector<OptimizerSlot> m_slots;  // records sorted by bits, as the graphs hold them
    std::vector<QCPGraph*> m_graphs;
};

class ComparisonDifferenceChart : public ChartBase {
    Q_OBJECT
public:
    explicit ComparisonDifferenceChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;

    // comparisons[i] is file i+1 against the reference (file 0).
    void setComparisons(const QStringList& fileNames, const std::vector<MeasurementComparison>& comparisons);
    // Mean |B - A| per module as drawn for comparison i (the bars), for tests and tooltips.
    QVector<double> meanAbsBars(int comparison) const;

protected:
    QString describePoint(QCPAbstractPlottable* plottable, int index) const override;  // module and its figures

private:
    QStringList m_names;
    std::vector<MeasurementComparison> m_comparisons;
    std::vector<QCPBars*> m_bars;
    std::vector<QCPGraph*> m_maxima;
};

class ComparisonAllocationChart : public ChartBase {
    Q_OBJECT
public:
    explicit ComparisonAllocationChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;

    // allocations[i] belongs to file i; all at the same target.
    void setAllocations(const QStringList& fileNames, const std::vector<Allocation>& allocations, double targetBpw);
    QVector<double> bpwBars(int file) const;

protected:
    QString describePoint(QCPAbstractPlottable* plottable, int index) const override;  // module, bpw, error

private:
    QStringList m_names;
    std::vector<Allocation> m_allocations;
    double m_target = 0;
    std::vector<QCPBars*> m_bars;
};

}  // namespace exl2
