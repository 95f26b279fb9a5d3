// Shared declarations of the io test suite (the suite is split over two files to stay readable).
#pragma once

#include <QObject>

class TestIo : public QObject {
    Q_OBJECT
private slots:
    void readsRealModelF32();
    void f16ModelEqualsRoundedF32();
    void opensFileFolderAndIndex();
    void convertsEveryDtype();
    void writerLayoutIsPaddedSortedAndDeterministic();
    void writerRejectsBadTensors();
    void writerMatchesReferenceSerializer();
    void shardedRoundTrip_data();
    void shardedRoundTrip();
    void malformedFile_data();
    void malformedFile();
    void malformedSet_data();
    void malformedSet();
};
