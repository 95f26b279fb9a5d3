#include "chartbase.h"

#include <QFileInfo>
#include <QSvgGenerator>

namespace exl2 {

ChartBase::ChartBase(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(320, 200);
    legend->setVisible(true);
    legend->setFont(font());
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    applyPaletteColors();
}

void ChartBase::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPaletteColors();
        replot();
    }
}

void ChartBase::applyPaletteColors()
{
    const QPalette pal = palette();
    const QColor fg = pal.color(QPalette::WindowText);
    QColor grid = fg;
    grid.setAlpha(50);
    setBackground(pal.brush(QPalette::Base));
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setBasePen(QPen(fg));
        axis->setTickPen(QPen(fg));
        axis->setSubTickPen(QPen(fg));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
    legend->setBrush(pal.brush(QPalette::Base));
    legend->setBorderPen(QPen(grid));
    legend->setTextColor(fg);
}

QCPGraph* ChartBase::addStyledGraph(const QString& name, const QColor& color, QCPScatterStyle::ScatterShape shape,
                                    QCPGraph::LineStyle line)
{
    QCPGraph* g = addGraph();
    g->setName(name);
    g->setPen(QPen(color, 2));
    g->setLineStyle(line);
    g->setScatterStyle(QCPScatterStyle(shape, color, color, 6));
    return g;
}

bool ChartBase::saveImage(const QString& fileName, int width, int height)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return savePng(fileName, width, height);
    if (suffix == QLatin1String("pdf"))
        return savePdf(fileName, width, height);
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(fileName);
        generator.setSize(QSize(width, height));
        generator.setViewBox(QRect(0, 0, width, height));
        generator.setTitle(windowTitle());
        QCPPainter painter;
        if (!painter.begin(&generator))
            return false;
        toPainter(&painter, width, height);
        return painter.end();
    }
    return false;
}

}  // namespace exl2
