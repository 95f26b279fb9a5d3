#include "chartbase.h"

#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QToolTip>

#include <cmath>
#include <limits>

namespace exl2 {

namespace {
constexpr double kReachPx = 16.0;  // how far from a point the cursor may be for its tooltip

QString number(double v) { return QString::number(v, 'g', 7); }
}  // namespace

ChartBase::ChartBase(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(320, 200);
    setMouseTracking(true);
    legend->setVisible(false);
    legend->setFont(font());
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    applyPaletteColors();
    // Ranges the chart sets itself become the "home" that Reset zoom returns to; the user's own
    // drags and wheel turns do not.
    connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& r) {
        if (!m_userInteracting)
            m_homeX = r;
    });
    connect(yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& r) {
        if (!m_userInteracting)
            m_homeY = r;
    });
    connect(this, &QCustomPlot::beforeReplot, this, [this] { legend->setVisible(legend->itemCount() > 1); });
    rememberRanges();
}

void ChartBase::rememberRanges()
{
    m_homeX = xAxis->range();
    m_homeY = yAxis->range();
}

void ChartBase::resetZoom()
{
    const QCPRange x = m_homeX, y = m_homeY;
    xAxis->setRange(x);
    yAxis->setRange(y);
    replot();
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

QString ChartBase::describePoint(QCPAbstractPlottable* plottable, int index) const
{
    const QCPPlottableInterface1D* data = plottable->interface1D();
    const QString xName = plottable->keyAxis()->label().isEmpty() ? tr("x") : plottable->keyAxis()->label();
    const QString yName = plottable->valueAxis()->label().isEmpty() ? tr("y") : plottable->valueAxis()->label();
    return tr("%1\n%2: %3\n%4: %5")
        .arg(plottable->name(), xName, number(data->dataMainKey(index)), yName, number(data->dataMainValue(index)));
}

QString ChartBase::tooltipAt(const QPointF& pos)
{
    QCPAbstractPlottable* best = nullptr;
    int bestIndex = -1;
    double bestDistance = std::numeric_limits<double>::max();
    for (int p = 0; p < plottableCount(); ++p) {
        QCPAbstractPlottable* plottable = this->plottable(p);
        const QCPPlottableInterface1D* data = plottable->interface1D();
        if (!plottable->visible() || !data || data->dataCount() == 0)
            continue;
        if (qobject_cast<QCPBars*>(plottable)) {
            // Bars answer only when the cursor is on one; selectTest names which.
            QVariant details;
            const double d = plottable->selectTest(pos, false, &details);
            const QCPDataSelection hit = details.value<QCPDataSelection>();
            if (d >= 0 && !hit.isEmpty() && d < bestDistance) {
                bestDistance = d;
                best = plottable;
                bestIndex = hit.dataRange().begin();
            }
            continue;
        }
        for (int i = 0; i < data->dataCount(); ++i) {
            double px = 0, py = 0;
            plottable->coordsToPixels(data->dataMainKey(i), data->dataMainValue(i), px, py);
            const double d = std::hypot(px - pos.x(), py - pos.y());
            if (d <= kReachPx && d < bestDistance) {
                bestDistance = d;
                best = plottable;
                bestIndex = i;
            }
        }
    }
    return best ? describePoint(best, bestIndex) : QString();
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

bool ChartBase::saveCsv(const QString& fileName) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    writeCsv(out);
    out.flush();
    return out.status() == QTextStream::Ok && file.commit();
}

QMenu* ChartBase::createContextMenu(QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->addAction(tr("Export &image…"), this, [this] { exportImageInteractively(); });
    menu->addAction(tr("Export &CSV…"), this, [this] { exportCsvInteractively(); });
    menu->addSeparator();
    menu->addAction(tr("&Reset zoom"), this, [this] { resetZoom(); });
    return menu;
}

void ChartBase::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu* menu = createContextMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

void ChartBase::mousePressEvent(QMouseEvent* event)
{
    m_userInteracting = true;
    QCustomPlot::mousePressEvent(event);
}

void ChartBase::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const QString text = tooltipAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void ChartBase::mouseReleaseEvent(QMouseEvent* event)
{
    QCustomPlot::mouseReleaseEvent(event);
    m_userInteracting = false;
}

void ChartBase::wheelEvent(QWheelEvent* event)
{
    m_userInteracting = true;
    QCustomPlot::wheelEvent(event);
    m_userInteracting = false;
}

QString ChartBase::suggestedFileName(const QString& suffix) const
{
    QString base = windowTitle().toLower();
    base.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("-"));
    if (base.isEmpty())
        base = QStringLiteral("chart");
    return QDir::home().filePath(base + QLatin1Char('.') + suffix);
}

void ChartBase::exportImageInteractively()
{
    const QString png = tr("PNG image (*.png)"), svg = tr("SVG image (*.svg)"), pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    QString file = QFileDialog::getSaveFileName(this, tr("Export chart image"), suggestedFileName(QStringLiteral("png")),
                                                png + QStringLiteral(";;") + svg + QStringLiteral(";;") + pdf, &filter);
    if (file.isEmpty())
        return;
    if (QFileInfo(file).suffix().isEmpty())
        file += filter == svg ? QStringLiteral(".svg") : filter == pdf ? QStringLiteral(".pdf") : QStringLiteral(".png");
    if (!saveImage(file, std::max(width(), 640), std::max(height(), 400)))
        QMessageBox::warning(this, tr("Export chart image"),
                             tr("Could not write %1 (the name must end in .png, .svg or .pdf, and the folder must "
                                "be writable).").arg(QDir::toNativeSeparators(file)));
}

void ChartBase::exportCsvInteractively()
{
    QString file = QFileDialog::getSaveFileName(this, tr("Export chart data"), suggestedFileName(QStringLiteral("csv")),
                                                tr("CSV file (*.csv)"));
    if (file.isEmpty())
        return;
    if (QFileInfo(file).suffix().isEmpty())
        file += QStringLiteral(".csv");
    if (!saveCsv(file))
        QMessageBox::warning(this, tr("Export chart data"),
                             tr("Could not write %1: the folder is not writable.").arg(QDir::toNativeSeparators(file)));
}

}  // namespace exl2
