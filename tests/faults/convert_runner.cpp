#include "convert_runner.h"

#include "model/demo_model.h"
#include "test_support.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <sys/resource.h>

namespace fs = std::filesystem;

namespace exl2test {

ConvertJob::ConvertJob(const fs::path& scratch)
{
    m_shared = haveShared() && qEnvironmentVariableIsEmpty("EXL2_FAULTS_DEMO");  // the fallback, on demand
    if (m_shared) {
        m_model = sharedDir() / "models" / "stories260k";
        m_text = sharedDir() / "data" / "tinystories_val_sample.txt";
    } else {
        m_model = scratch / "demo-model";
        exl2::writeDemoModel(m_model);
    }
}

QString ConvertJob::binary() { return QString::fromStdString((binaryDir() / "app" / "exl2-convert").string()); }

QStringList ConvertJob::args(const fs::path& work, const fs::path& full) const
{
    // Small calibration and several output shards (-ss 0.1 MiB; the demo's embedding alone is 0.5 MiB), so
    // every kind of file is written.
    QStringList a{"-i", QString::fromStdString(m_model.string()), "-o", QString::fromStdString(work.string()),
                  "-cf", QString::fromStdString(full.string()), "-b", "4.0", "-hb", "6", "-r", "4", "-mr", "4",
                  "-l", "64", "-ml", "64", "-ss", m_shared ? "0.1" : "1", "--device", "cpu", "--seed", "7",
                  "--json-progress"};
    if (!m_text.empty())
        a << "-c" << QString::fromStdString(m_text.string());
    return a;
}

ConvertRun ConvertJob::run(const fs::path& work, const fs::path& full, const ConvertOptions& o) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("OPENBLAS_NUM_THREADS", "1");
    if (o.killPoint > 0)
        env.insert("EXL2_FAULT_KILL_POINT", QString::number(o.killPoint));
    for (const QString& kv : o.env)
        env.insert(kv.section('=', 0, 0), kv.section('=', 1));
    p.setProcessEnvironment(env);
    if (o.fileSizeLimit > 0) {
        const rlim_t limit = rlim_t(o.fileSizeLimit);
        p.setChildProcessModifier([limit] {
            const struct rlimit r{limit, limit};
            ::setrlimit(RLIMIT_FSIZE, &r);
            ::signal(SIGXFSZ, SIG_IGN);  // stays ignored across exec: write() then fails with EFBIG
        });
    }
    QElapsedTimer clock;
    clock.start();
    p.start(binary(), args(work, full));
    ConvertRun r;
    if (!p.waitForStarted()) {
        r.exitCode = -1;
        r.output = "could not start " + binary();
        return r;
    }
    QByteArray out, err;
    qint64 armedAt = -1;
    while (p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(5);
        out += p.readAllStandardOutput();
        err += p.readAllStandardError();
        const bool trigger = o.killOnStage.isEmpty() ? !out.isEmpty()
                                                     : out.contains("\"stage\":\"" + o.killOnStage.toUtf8() + "\"");
        if (o.killAfterMs >= 0 && armedAt < 0 && trigger)
            armedAt = clock.elapsed();
        if (armedAt >= 0 && clock.elapsed() - armedAt >= o.killAfterMs && p.state() == QProcess::Running) {
            ::kill(pid_t(p.processId()), SIGKILL);
            armedAt = INT64_MAX / 2;  // once
        }
        if (clock.elapsed() > 600000) {
            p.kill();
            break;
        }
    }
    p.waitForFinished(-1);
    out += p.readAllStandardOutput();
    err += p.readAllStandardError();
    r.killed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = r.killed ? -1 : p.exitCode();
    r.output = QString::fromUtf8(err) + QString::fromUtf8(out);
    r.seconds = double(clock.elapsed()) / 1000.0;
    return r;
}

std::string jobStage(const fs::path& work)
{
    std::ifstream in(work / "job.json");
    if (!in)
        return "(no job.json)";
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object() || !j.contains("progress") || !j["progress"].is_string())
        return "(unreadable job.json)";
    return j["progress"].get<std::string>();
}

std::string stageGroup(const std::string& s)
{
    if (s == "begin" || s == "tokens_cal" || s == "(no job.json)")
        return "tokenize";
    if (s == "initial_embeddings" || s == "embeddings")
        return "embeddings";
    if (s == "measure_quant")
        return "measure";
    if (s == "optimize")
        return "optimize";
    if (s == "quant")
        return "quantize";
    if (s == "compile" || s == "finished")
        return "compile";
    return s;
}

std::map<std::string, QByteArray> outputHashes(const fs::path& work, const fs::path& full)
{
    std::map<std::string, QByteArray> out;
    auto add = [&](const fs::path& file, const std::string& name) {
        QFile f(QString::fromStdString(file.string()));
        if (!f.open(QIODevice::ReadOnly))
            return;
        out[name] = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
    };
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(full, ec))
        if (e.is_regular_file())
            add(e.path(), fs::relative(e.path(), full).string());
    add(work / "measurement.json", "(work)/measurement.json");
    return out;
}

}  // namespace exl2test
