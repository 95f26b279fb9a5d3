// What every chart shares (ui/chartbase.h), on the run page's charts with known data: the hover tooltip
// of a point and of a bar, CSV export, PNG/SVG/PDF export, reset after a user zoom, the legend rule and
// the context menu's actions.
#include "test_desktop.h"

#include "allocationchart.h"
#include "chartbase.h"
#include "perplexitychart.h"
#include "test_support.h"

#include <QFile>
#include <QMenu>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace exl2;

namespace {

QString qpath(const fs::path& p) { return QString::fromStdString(p.string()); }

// Shown and laid out, so that plot coordinates map to pixels.
template <typename Chart>
void showChart(Chart& chart)
{
    chart.resize(640, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.replot();
}

QCPAbstractPlottable* plottableNamed(QCustomPlot& plot, const QString& name)
{
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (plot.plottable(i)->name() == name)
            return plot.plottable(i);
    return nullptr;
}

// A chart with a single graph: no legend needed.
class OneGraphChart : public ChartBase {
public:
    OneGraphChart()
    {
        graph = addStyledGraph(QStringLiteral("only"), Qt::blue, QCPScatterStyle::ssDisc, QCPGraph::lsLine);
        graph->addData(1, 2);
        graph->addData(2, 3);
        rescaleAxes();
    }
    void clearData() override { graph->data()->clear(); }
    void writeCsv(QTextStream& out) const override { out << "x,y\n"; }
    QCPGraph* graph;
};

}  // namespace

void TestDesktop::tooltipNamesNearestPoint()
{
    PerplexityChart chart;
    chart.addPerplexity(12.5);
    chart.addPerplexity(20.25);
    showChart(chart);
    const QPointF second(chart.xAxis->coordToPixel(2), chart.yAxis->coordToPixel(20.25));
    const QString text = chart.tooltipAt(second + QPointF(3, -2));
    QCOMPARE(text, QStringLiteral("Perplexity\nMeasurement: 2\nPerplexity: 20.25"));
    const QPointF first(chart.xAxis->coordToPixel(1), chart.yAxis->coordToPixel(12.5));
    QCOMPARE(chart.tooltipAt(first), QStringLiteral("Perplexity\nMeasurement: 1\nPerplexity: 12.5"));
    // Far from every point (low in the plot between the two measurements): nothing.
    const QPointF empty(chart.xAxis->coordToPixel(1.5), chart.yAxis->coordToPixel(1));
    QCOMPARE(chart.tooltipAt(empty), QString());
}

void TestDesktop::tooltipNamesBar()
{
    AllocationChart chart;
    chart.setStrategy({.keys = {"model.layers.0.self_attn", "model.layers.0.mlp", "model.layers.1.self_attn",
                                "model.layers.1.mlp"},
                       .bpw = {4.25, 3.5, 5.0, 2.75},
                       .targetBpw = 4.0});
    showChart(chart);
    auto* attention = qobject_cast<QCPBars*>(plottableNamed(chart, QStringLiteral("Attention")));
    auto* mlp = qobject_cast<QCPBars*>(plottableNamed(chart, QStringLiteral("MLP")));
    QVERIFY(attention && mlp);
    // Just below the top centre of layer 1's bars.
    QCOMPARE(chart.tooltipAt(attention->dataPixelPosition(1) + QPointF(0, 6)),
             QStringLiteral("Attention\nLayer: 1\nBits per weight: 5"));
    QCOMPARE(chart.tooltipAt(mlp->dataPixelPosition(0) + QPointF(0, 6)),
             QStringLiteral("MLP\nLayer: 0\nBits per weight: 3.5"));
}

void TestDesktop::csvExportWritesChartData()
{
    PerplexityChart chart;
    chart.addPerplexity(12.5);
    chart.addPerplexity(20.25);
    const QString file = qpath(exl2test::scratchDir("chart-csv") / "perplexity.csv");
    QVERIFY(chart.saveCsv(file));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), QStringLiteral("measurement,perplexity,threshold\n1,12.5,30\n2,20.25,30\n"));
    QVERIFY(!chart.saveCsv(qpath(exl2test::scratchDir("chart-csv") / "no-such-dir" / "x.csv")));
}

void TestDesktop::imageExportWritesThreeFormats()
{
    AllocationChart chart;
    chart.setStrategy({.keys = {"model.layers.0.self_attn", "model.layers.0.mlp"}, .bpw = {4.25, 3.5}, .targetBpw = 4.0});
    const fs::path dir = exl2test::scratchDir("chart-images");
    const std::pair<const char*, QByteArray> formats[] = {{"chart.png", "\x89PNG"}, {"chart.pdf", "%PDF"}, {"chart.svg", "<?xml"}};
    for (const auto& [name, magic] : formats) {
        const QString file = qpath(dir / name);
        QVERIFY2(chart.saveImage(file), name);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(bytes.size() > 500, name);
        QVERIFY2(bytes.startsWith(magic), name);
    }
    QVERIFY(!chart.saveImage(qpath(dir / "chart.bmp")));
}

void TestDesktop::resetZoomUndoesUserZoom()
{
    PerplexityChart chart;
    chart.addPerplexity(12.5);
    chart.addPerplexity(20.25);
    showChart(chart);
    const QCPRange x = chart.xAxis->range(), y = chart.yAxis->range();
    const QPointF centre = chart.axisRect()->rect().center();
    QWheelEvent wheel(centre, chart.mapToGlobal(centre), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&chart, &wheel);
    QVERIFY(chart.xAxis->range().size() < x.size());  // zoomed in
    chart.resetZoom();
    QCOMPARE(chart.xAxis->range(), x);
    QCOMPARE(chart.yAxis->range(), y);
    // New data lets the chart choose its own ranges again; reset returns to those.
    chart.addPerplexity(25);
    const QCPRange x3 = chart.xAxis->range();
    QApplication::sendEvent(&chart, &wheel);
    chart.resetZoom();
    QCOMPARE(chart.xAxis->range(), x3);
}

void TestDesktop::legendOnlyWithSeveralGraphs()
{
    OneGraphChart one;
    one.replot();
    QVERIFY(!one.legend->visible());
    AllocationChart several;  // attention, MLP, target
    several.replot();
    QVERIFY(several.legend->visible());
}

void TestDesktop::contextMenuActions()
{
    PerplexityChart chart;
    QMenu* menu = chart.createContextMenu(&chart);
    QStringList texts;
    for (QAction* a : menu->actions())
        if (!a->isSeparator())
            texts << a->text().remove(QLatin1Char('&'));
    QCOMPARE(texts, (QStringList{QStringLiteral("Export image…"), QStringLiteral("Export CSV…"), QStringLiteral("Reset zoom")}));
}
