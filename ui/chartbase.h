// What every live chart of the run page shares: QCustomPlot styled from the widget palette (so light
// and dark themes both read well), a reset, export to PNG/SVG/PDF and its data as CSV.
#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QTextStream>

namespace exl2 {

class ChartBase : public QCustomPlot {
    Q_OBJECT
public:
    explicit ChartBase(QWidget* parent = nullptr);

    virtual void clearData() = 0;
    // The chart's numbers, one row per point, with a header line.
    virtual void writeCsv(QTextStream& out) const = 0;

    // Writes the chart by the file's suffix: .png, .svg or .pdf. False on failure.
    bool saveImage(const QString& fileName, int width = 900, int height = 500);

protected:
    void changeEvent(QEvent* event) override;
    void applyPaletteColors();
    QCPGraph* addStyledGraph(const QString& name, const QColor& color, QCPScatterStyle::ScatterShape shape,
                             QCPGraph::LineStyle line);
};

}  // namespace exl2
