// Runs every suite of tests/pipeline in one executable.
#include "test_pipeline_suites.h"

#include <QtTest>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        TestPipelineJob t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestPipelineCli t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestPipelineStrategy t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestPipelineNumeric t;
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}
