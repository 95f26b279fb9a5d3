// The two Qt Test classes of tests/pipeline: the job's files and rules (core), and exl2-convert's
// validation messages and exit codes (the built binary, run through QProcess).
#pragma once

#include <QObject>

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
};
