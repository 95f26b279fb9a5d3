// The Qt Test classes of tests/pipeline: the job's files and rules (core), exl2-convert's validation
// messages and exit codes (the built binary, run through QProcess), strategy-driven conversions, and
// non-finite activations.
#pragma once

#include <QObject>

#include <filesystem>

class TestPipelineJob : public QObject {
    Q_OBJECT
private slots:
    void stageTransitions_data();
    void stageTransitions();
    void stageWalks_data();
    void stageWalks();
    void stageNamesRoundTrip();
    void jobJsonRoundTrip();
    void jobJsonKeyOrder();
    void jobJsonErrors_data();
    void jobJsonErrors();
    void jobSaveIsAtomic();
    void arrayFileRoundTrip();
    void arrayFileRejectsDamage_data();
    void arrayFileRejectsDamage();
    void manifestCleanKeepsUnrelatedFiles();
    void noResumeKeepsUnrelatedFiles();
    void resumeRefusesFinishedAndCorruptJobs_data();
    void resumeRefusesFinishedAndCorruptJobs();
    void resumeUsesStoredSettings();
    void settingsErrors_data();
    void settingsErrors();
    void clampToMaxPositions();
    void ropeWarnings_data();
    void ropeWarnings();
};

class TestPipelineCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void validation_data();
    void validation();
    void help();
    void statusOutput();
};

class TestPipelineStrategy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void strategyGivesSameBytes();
    void resumeKeepsStrategy();
    void mismatchNamesModule_data();
    void mismatchNamesModule();
    void conflictsAndBadFiles();

private:
    std::filesystem::path m_scratch, m_measurement, m_strategy;
};

class TestPipelineNumeric : public QObject {
    Q_OBJECT
private slots:
    void nonFiniteActivationsNameModule();
    void damagedWeightsNameTensor_data();
    void damagedWeightsNameTensor();
};
