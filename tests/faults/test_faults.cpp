// Fault injection against exl2-convert (issue #10): chains of SIGKILL -> resume -> SIGKILL ... over every
// stage (kill points from a seeded generator: the converter's own write points via EXL2_FAULT_KILL_POINT, or
// a timed SIGKILL from here), a file size limit (RLIMIT_FSIZE) failing different writes, and a real full
// disk (tmpfs, when mounting is allowed). Every interrupted job must finish bit-identical to a clean run.
#include "convert_runner.h"
#include "test_support.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sys/mount.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace exl2test;

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void killChainsResumeBitIdentical();
    void fileSizeLimitFailsCleanlyAndResumes();
    void fullTmpfsFailsCleanlyAndResumes();

private:
    // Runs `work`/`full` to the end without faults; fails the test on an error.
    void finish(const fs::path& work, const fs::path& full);

    std::unique_ptr<ConvertJob> m_job;
    fs::path m_scratch;
    std::map<std::string, QByteArray> m_reference;
    std::map<std::string, uintmax_t> m_sizes;  // file name -> size in the clean run (work folder + output)
};

namespace {

// job.json stages in order.
const std::vector<const char*> kStages{"begin", "initial_embeddings", "measure_quant", "optimize", "tokens_cal",
                                       "embeddings", "quant", "compile"};

long envNumber(const char* name, long fallback)
{
    const char* v = std::getenv(name);
    return v && *v ? std::atol(v) : fallback;
}

std::string readText(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The file an Io error names: "cannot write <path>: ..." -> the file name.
QString writtenFile(const QString& output)
{
    const QRegularExpressionMatch m = QRegularExpression(" ## cannot write (\\S+): ").match(output);
    return m.hasMatch() ? QString::fromStdString(fs::path(m.captured(1).toStdString()).filename().string()) : QString();
}

}  // namespace

void TestFaults::initTestCase()
{
    QVERIFY2(QFileInfo(ConvertJob::binary()).isExecutable(), "exl2-convert is not built");
    m_scratch = scratchDir("faults");
    m_job = std::make_unique<ConvertJob>(m_scratch);
    if (!m_job->usesSharedModel())
        qInfo("../shared not found: using the built-in demo model and dataset");
    const fs::path work = m_scratch / "clean-work", full = m_scratch / "clean-full";
    const ConvertRun r = m_job->run(work, full);
    QVERIFY2(!r.killed && r.exitCode == 0, qPrintable("clean run failed:\n" + r.output.right(3000)));
    m_reference = outputHashes(work, full);
    QVERIFY(m_reference.size() >= 5);
    for (const fs::path& dir : {work, full, work / "out_tensor"})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file())
                m_sizes[e.path().filename().string()] = e.file_size();
    qInfo("clean run: %.1f s, %zu output files", r.seconds, m_reference.size());
}

void TestFaults::finish(const fs::path& work, const fs::path& full)
{
    const ConvertRun r = m_job->run(work, full);
    const bool done = !r.killed && (r.exitCode == 0 || r.output.contains("Job is already finished"));
    QVERIFY2(done, qPrintable("resumed run failed:\n" + r.output.right(3000)));
}

void TestFaults::killChainsResumeBitIdentical()
{
    const long minKills = envNumber("EXL2_FAULT_KILLS", 50);
    std::mt19937_64 rng(uint64_t(envNumber("EXL2_FAULT_SEED", 20261127)));
    std::map<std::string, int> perStage, perGroup;
    int kills = 0, internalKills = 0, timedKills = 0, chains = 0;
    QElapsedTimer clock;
    clock.start();
    const std::vector<std::string> groups{"tokenize", "embeddings", "measure", "optimize", "quantize", "compile"};
    auto covered = [&] {
        for (const auto& g : groups)
            if (perGroup[g] < 2)
                return false;
        return true;
    };
    while ((kills < minKills || !covered()) && chains < 10) {
        const fs::path work = m_scratch / ("chain-" + std::to_string(chains) + "-work");
        const fs::path full = m_scratch / ("chain-" + std::to_string(chains) + "-full");
        ++chains;
        // A -cf folder holding an unrelated file: no kill, resume or compile may touch it.
        fs::create_directories(full);
        std::ofstream(full / "my-notes.txt") << "not the converter's\n";
        // Kill points: the n-th write point of the run, n drawn from [1, span]. While the stage the job rests
        // in has few kills, span is small (a run that made no progress doubles it: long job.json saves hold
        // many points; progress resets it); once it has six, n comes from [1, 200], which usually lands some
        // modules or stages later, or, when a later stage has fewer than three kills, the run is killed 0-2 ms
        // after that stage's first progress event. Otherwise one run in four is killed by a timed SIGKILL,
        // mostly in the middle of a computation.
        long span = 12;
        bool finished = false;
        for (int run = 0; run < 400 && !finished; ++run) {
            const std::string before = readText(work / "job.json");
            const std::string resumeAt = jobStage(work);
            const bool crowded = perGroup[stageGroup(resumeAt)] >= 6;
            // The first later stage with fewer than three kills (the short ones: optimize, tokens_cal,
            // embeddings last ~0.1 s, so they are targeted through their progress events).
            const auto at = std::find(kStages.begin(), kStages.end(), resumeAt);
            const auto sparse = std::find_if(at == kStages.end() ? kStages.begin() : at + 1, kStages.end(),
                                             [&](const char* st) { return perStage[st] < 3; });
            ConvertOptions o;
            if (crowded && sparse != kStages.end()) {
                // 0-2 ms: on a quiet machine optimize is over (job.json saved) within a few ms of its event.
                o.killOnStage = *sparse;
                o.killAfterMs = int(rng() % 3);
            } else if (rng() % 4 == 0) {
                o.killAfterMs = int(rng() % 700);
            } else {
                o.killPoint = 1 + long(rng() % uint64_t(crowded ? 200 : span));
            }
            const ConvertRun r = m_job->run(work, full, o);
            if (!r.killed) {
                finished = r.exitCode == 0 || r.output.contains("Job is already finished");
                QVERIFY2(finished, qPrintable(QString("run %1 of chain %2 failed:\n").arg(run).arg(chains) +
                                              r.output.right(3000)));
                break;
            }
            const std::string stage = jobStage(work);
            QVERIFY2(stage.rfind("(unreadable", 0) != 0, "job.json torn by a kill");
            ++kills;
            ++perStage[stage];
            ++perGroup[stageGroup(stage)];
            (o.killPoint > 0 ? internalKills : timedKills) += 1;
            span = readText(work / "job.json") == before ? std::min<long>(span * 2, 4096) : 12;
        }
        QVERIFY2(finished, "the chain did not finish in 400 runs");
        QCOMPARE(readText(full / "my-notes.txt"), std::string("not the converter's\n"));
        fs::remove(full / "my-notes.txt");
        QCOMPARE(outputHashes(work, full), m_reference);
    }
    qInfo("%d kills (%d at write points, %d timed) over %d chains, %.1f s; kills per job.json stage:", kills,
          internalKills, timedKills, chains, double(clock.elapsed()) / 1000.0);
    for (const auto& [stage, n] : perStage)
        qInfo("  %-20s %3d", stage.c_str(), n);
    qInfo("kills per stage group:");
    for (const auto& [group, n] : perGroup)
        qInfo("  %-12s %3d", group.c_str(), n);
    QVERIFY2(kills >= minKills, qPrintable(QString("only %1 kills").arg(kills)));
    for (const auto& group : groups)
        QVERIFY2(perGroup[group] > 0, qPrintable(QString("no kill landed in stage ") + group.c_str()));
}

void TestFaults::fileSizeLimitFailsCleanlyAndResumes()
{
    // Each limit is just below a file of the clean run, so the first write that outgrows it fails: the first
    // job.json, the calibration ids, a hidden-state checkpoint, job.json grown by the measurement. One job goes
    // through all of them; after each failure it must be resumable, and the last run (no limit) must give the
    // clean run's bytes.
    uint64_t states = 0;
    for (const auto& [name, size] : m_sizes)
        if (name.rfind("hidden_states_", 0) == 0)
            states = size;
    QVERIFY(states > 0 && m_sizes.count("cal_ids_measure.bin") && m_sizes.count("job.json"));
    const std::vector<uint64_t> limits{200, m_sizes["cal_ids_measure.bin"] - 1, states / 2, m_sizes["job.json"] / 3,
                                       m_sizes["job.json"] * 9 / 10};
    const fs::path work = m_scratch / "fsize-work", full = m_scratch / "fsize-full";
    std::map<QString, int> named;
    for (uint64_t limit : limits) {
        ConvertOptions o;
        o.fileSizeLimit = limit;
        const ConvertRun r = m_job->run(work, full, o);
        QVERIFY2(!r.killed, qPrintable("killed by a signal under a file size limit:\n" + r.output.right(2000)));
        if (r.exitCode == 0)
            break;  // nothing left outgrows this limit
        const QString file = writtenFile(r.output);
        QVERIFY2(r.exitCode == 1 && !file.isEmpty() && r.output.contains("File too large") &&
                     r.output.contains("the job resumes where it stopped"),
                 qPrintable(QString("limit %1: not one clear write error:\n").arg(limit) + r.output.right(2000)));
        QCOMPARE(r.output.count(" ## "), 1);
        ++named[file.contains("hidden_states") ? "hidden_states_*.bin" : file];
        qInfo("limit %8llu bytes: %s", static_cast<unsigned long long>(limit), qPrintable(file));
        // No temporary left behind, and the job file is whole.
        for (const auto& e : fs::recursive_directory_iterator(work))
            QVERIFY2(e.path().filename().string().find(".tmp-") == std::string::npos, e.path().c_str());
        if (fs::exists(work / "job.json"))
            QVERIFY(nlohmann::json::accept(readText(work / "job.json")));
    }
    finish(work, full);
    QCOMPARE(outputHashes(work, full), m_reference);
    QVERIFY2(named.size() >= 3, qPrintable(QString("only %1 kinds of file hit").arg(named.size())));
}

void TestFaults::fullTmpfsFailsCleanlyAndResumes()
{
    if (::geteuid() != 0)
        QSKIP("a real full disk needs a tmpfs mount (root); RLIMIT_FSIZE covers the write paths");
    // The -cf folder on a tmpfs with room for the largest output shard only: compiling runs out of space.
    const fs::path mnt = m_scratch / "tmpfs";
    fs::create_directories(mnt);
    uint64_t shard = 0, total = 0;
    for (const auto& [name, size] : m_sizes) {
        total += size;
        if (name.rfind("output", 0) == 0)
            shard = std::max<uint64_t>(shard, size);
    }
    const std::string small = "size=" + std::to_string(shard + 16384);
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, small.c_str()) != 0)
        QSKIP(qPrintable(QString("mount -t tmpfs is not permitted here (%1): skipping the ENOSPC case")
                             .arg(std::strerror(errno))));
    struct Unmount {
        fs::path dir;
        ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
    } unmount{mnt};
    const fs::path work = m_scratch / "enospc-work", full = mnt / "full";
    // The preflight would refuse this small folder: pretend there is room, so the write itself fails.
    ConvertOptions o;
    o.env = {"EXL2_ASSUME_FREE_BYTES=100000000000"};
    const ConvertRun r = m_job->run(work, full, o);
    QVERIFY2(!r.killed && r.exitCode == 1, qPrintable(r.output.right(2000)));
    const QString file = writtenFile(r.output);
    QVERIFY2(r.output.contains("No space left on device (no space left on the device; the job resumes where it "
                               "stopped once space is freed)") && !file.isEmpty(),
             qPrintable(r.output.right(2000)));
    QCOMPARE(r.output.count(" ## "), 1);
    QCOMPARE(jobStage(work), std::string("compile"));
    qInfo("full tmpfs (%s) under -cf: %s", small.c_str(), qPrintable(file));
    // Free space (grow the file system) and resume.
    const std::string large = "size=" + std::to_string(total * 4);
    QVERIFY(::mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT, large.c_str()) == 0);
    finish(work, full);
    QCOMPARE(outputHashes(work, full), m_reference);
}

QTEST_GUILESS_MAIN(TestFaults)
#include "test_faults.moc"
