#include "comparisontables.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QTableWidget>

#include <cmath>

namespace exl2 {

namespace {

// Context for the translated strings of these free functions.
class ComparisonTables {
    Q_DECLARE_TR_FUNCTIONS(ComparisonTables)
};

QString num(double v, int digits = 4) { return QString::number(v, 'g', digits); }
QString signedNum(double v) { return (v > 0 ? QStringLiteral("+") : QString()) + num(v); }

QTableWidgetItem* item(const QString& text, const QString& tip = {})
{
    auto* it = new QTableWidgetItem(text);
    it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    it->setToolTip(tip.isEmpty() ? text : tip);
    return it;
}

QString moduleList(const MeasurementComparison& c, size_t count)
{
    QStringList parts;
    for (size_t i = 0; i < c.summary.byDisagreement.size() && i < count; ++i) {
        const auto& m = c.modules[size_t(c.summary.byDisagreement[i])];
        parts << QStringLiteral("%1 (%2)").arg(QString::fromStdString(m.key), num(m.meanAbsDiff, 3));
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace

QStringList comparisonSummaryRows()
{
    return {ComparisonTables::tr("Options in both files"),
            ComparisonTables::tr("Options only in the reference"),
            ComparisonTables::tr("Options only in this file"),
            ComparisonTables::tr("Mean difference (this - reference)"),
            ComparisonTables::tr("Mean |difference|"),
            ComparisonTables::tr("RMS difference"),
            ComparisonTables::tr("Max |difference|"),
            ComparisonTables::tr("Largest difference at"),
            ComparisonTables::tr("Correlation of accuracies"),
            ComparisonTables::tr("Error ratio (geometric mean)"),
            ComparisonTables::tr("Most disagreeing modules"),
            ComparisonTables::tr("Allocation: bits per weight"),
            ComparisonTables::tr("Allocation: modules that differ"),
            ComparisonTables::tr("Allocation: mean |bpw difference|"),
            ComparisonTables::tr("Sum of errors, own allocation"),
            ComparisonTables::tr("Reference's allocation scored here"),
            ComparisonTables::tr("This allocation scored by the reference")};
}

void fillComparisonSummary(QTableWidget* table, const QStringList& names,
                           const std::vector<MeasurementComparison>& comparisons,
                           const std::vector<AllocationComparison>& allocations)
{
    const QStringList rows = comparisonSummaryRows();
    table->clear();
    table->setRowCount(int(rows.size()));
    table->setColumnCount(int(comparisons.size()));
    table->setVerticalHeaderLabels(rows);
    QStringList headers;
    for (size_t c = 0; c < comparisons.size(); ++c)
        headers << ComparisonTables::tr("%1 vs %2").arg(names.value(int(c) + 1), names.value(0));
    table->setHorizontalHeaderLabels(headers);
    const QString none = ComparisonTables::tr("n/a");
    for (size_t c = 0; c < comparisons.size(); ++c) {
        const auto& s = comparisons[c].summary;
        QStringList v;
        v << QString::number(s.sharedOptions) << QString::number(s.onlyInA) << QString::number(s.onlyInB)
          << signedNum(s.meanDiff) << num(s.meanAbsDiff) << num(s.rmsDiff) << num(s.maxAbsDiff)
          << (s.maxKey.empty() ? none : QString::fromStdString(s.maxKey))
          << (s.correlation ? QString::number(*s.correlation, 'f', 4) : none)
          << (s.errorRatio ? QString::number(*s.errorRatio, 'f', 3) : none) << moduleList(comparisons[c], 3);
        if (c < allocations.size()) {
            const auto& a = allocations[c];
            double own = 0;
            for (const auto& ch : a.b.choices)
                own += ch.error;
            v << QStringLiteral("%1 / %2").arg(a.a.bpw, 0, 'f', 3).arg(a.b.bpw, 0, 'f', 3)
              << QStringLiteral("%1 / %2").arg(a.differingModules).arg(a.modules.size()) << num(a.meanAbsBpwDiff)
              << num(own) << (a.errorOfAUnderB ? num(*a.errorOfAUnderB) : none)
              << (a.errorOfBUnderA ? num(*a.errorOfBUnderA) : none);
        }
        for (int r = 0; r < v.size(); ++r)
            table->setItem(r, int(c), item(v[r], r == 7 ? QString::fromStdString(s.maxRecipe) : QString()));
    }
    table->setWordWrap(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->resizeRowsToContents();
}

void fillComparisonAllocationTable(QTableWidget* table, const QStringList& names, const std::vector<Allocation>& allocations,
                                   const std::vector<AllocationComparison>& comparisons)
{
    table->clear();
    const int files = int(allocations.size());
    const int rows = files ? int(allocations[0].choices.size()) : 0;
    table->setRowCount(rows);
    table->setColumnCount(1 + 2 * files);
    QStringList headers{ComparisonTables::tr("Module")};
    for (int f = 0; f < files; ++f)
        headers << ComparisonTables::tr("%1 bpw").arg(names.value(f)) << ComparisonTables::tr("%1 error").arg(names.value(f));
    table->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < rows; ++r) {
        table->setItem(r, 0, item(QString::fromStdString(allocations[0].choices[size_t(r)].key)));
        for (int f = 0; f < files; ++f) {
            const auto& ch = allocations[size_t(f)].choices[size_t(r)];
            auto* bpw = item(QString::number(ch.bpw, 'f', 3));
            // Modules whose recipe differs from the reference's choice stand out.
            if (f > 0 && size_t(f - 1) < comparisons.size() && !comparisons[size_t(f - 1)].modules[size_t(r)].sameRecipe) {
                QFont bold = bpw->font();
                bold.setBold(true);
                bpw->setFont(bold);
                bpw->setToolTip(ComparisonTables::tr("differs from the reference's choice"));
            }
            table->setItem(r, 1 + 2 * f, bpw);
            table->setItem(r, 2 + 2 * f, item(num(ch.error, 5)));
        }
    }
    table->resizeColumnsToContents();
}

}  // namespace exl2
