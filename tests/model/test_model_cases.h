// Shared declarations of the model test suite (config parsing in test_model.cpp; tensor check, summary,
// report and demo model in test_model_check.cpp).
#pragma once

#include <QObject>

class TestModel : public QObject {
    Q_OBJECT
private slots:
    void architectures_data();
    void architectures();
    void architectureSpecifics();
    void loadsStories260k();
    void malformedConfig_data();
    void malformedConfig();

    void tensorCheckAcceptsRealModels();
    void tensorCheckReportsProblems_data();
    void tensorCheckReportsProblems();
    void tiedModelWithoutHeadUsesEmbedding();
    void expectedTensorsOfEveryArchitecture();
    void summaryOfStories260k();
    void vramFollowsWidthNotDepth();
    void reportForStories260k();
    void inspectCommandOnStories260k();
    void demoModelIsDeterministicAndValid();
    void demoTokenizerHasLlamaStructure();
    void demoTokenizerMatchesHfGolden();
};
