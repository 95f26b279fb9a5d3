// What every chart of EXL2 Studio shares: QCustomPlot styled from the widget palette (light and dark
// themes both read well), zoom/pan with a reset, hover tooltips with the nearest point's exact values,
// a context menu exporting PNG/SVG/PDF and the data as CSV, and a legend once there is more than one graph.
#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QTextStream>

class QMenu;

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
    // Writes writeCsv() to the file (atomically). False on failure.
    bool saveCsv(const QString& fileName) const;

    // The hover tooltip for a widget position: the nearest point (for bars, the bar under the cursor)
    // as its graph's name, x and y; empty when nothing is within reach.
    QString tooltipAt(const QPointF& pos);
    // Back to the ranges the chart itself last chose (undoes the user's zoom and pan).
    void resetZoom();
    // Export image…, Export CSV…, Reset zoom; owned by `parent`.
    QMenu* createContextMenu(QWidget* parent);

protected:
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

    // How a hovered point reads; charts with named keys (modules, layers) may override it.
    virtual QString describePoint(QCPAbstractPlottable* plottable, int index) const;

    void applyPaletteColors();
    QCPGraph* addStyledGraph(const QString& name, const QColor& color, QCPScatterStyle::ScatterShape shape,
                             QCPGraph::LineStyle line);

private:
    void rememberRanges();
    void exportImageInteractively();
    void exportCsvInteractively();
    QString suggestedFileName(const QString& suffix) const;

    bool m_userInteracting = false;  // true while a mouse drag or wheel changes the ranges
    QCPRange m_homeX, m_homeY;
};

}  // namespace exl2
