// The desktop suite's test class, its cases split over two files (shell and charts).
#pragma once

#include <QObject>

class TestDesktop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();

    // test_desktop.cpp: recent files, the home window, routing, the target page's strategy.
    void recentFilesOrderAndDedupe();
    void recentFilesKeepsTen();
    void recentFilesDropsMissing();
    void homeWindowOpensAndRemembers();
    void homeWindowReportsFailureNamingFile();
    void homeWindowDropsMissingRecentWithMessage();
    void homeWindowCompareNeedsTwo();
    void launchRouting_data();
    void launchRouting();
    void launchValues();
    void helpAndVersionNeedNoDisplay();
    void standardOpenersNameBadFiles();
    void targetPageStrategyFixesBits();
    void targetPageRefusesBadStrategy();

    // test_desktop_charts.cpp
    void tooltipNamesNearestPoint();
    void tooltipNamesBar();
    void csvExportWritesChartData();
    void imageExportWritesThreeFormats();
    void resetZoomUndoesUserZoom();
    void legendOnlyWithSeveralGraphs();
    void contextMenuActions();
};
