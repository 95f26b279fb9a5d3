// Unit tests of core/pipeline's job machinery: stage transitions, job.json, checkpoint files, the
// -nr manifest, resume rules and the settings checks (everything that runs before a model is loaded).
#include "pipeline/array_file.h"
#include "pipeline/job.h"
#include "pipeline/job_checks.h"
#include "pipeline/job_file.h"
#include "pipeline/job_stage.h"
#include "pipeline/work_dir.h"
#include "test_pipeline_suites.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <QtTest>

#include <fstream>

using namespace exl2;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(exl2::JobStage)

namespace {

void touch(const fs::path& p, const std::string& text = "x")
{
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

JobRecord sampleJob()
{
    JobRecord j;
    j.settings.inDir = "/models/in";
    j.settings.outDir = "/work/out";
    j.settings.calDataset = "/data/cal.parquet";
    j.settings.calColumn = "text";
    j.settings.bits = 3.5;
    j.settings.headBits = 8;
    j.settings.shardSizeMiB = 100;
    j.settings.ropeScale = 2.0;
    j.settings.datasetRows = 7;
    j.settings.measurementRows = 3;
    j.settings.length = 256;
    j.settings.measurementLength = 128;
    j.settings.device = "cpu";
    j.settings.seed = 1234567890123ull;
    j.settings.reuseMeasurement = "/m/measurement.json";
    j.progress = JobStage::Quant;
    j.calFilename = "cal_ids_quant.bin";
    j.measurement = nlohmann::ordered_json::object();
    j.measurement["model.layers.0.self_attn"] = nlohmann::ordered_json::array();
    j.lastModuleIdx = 12;
    j.strategy = {{"model.layers.0.self_attn", {{"accuracy", 0.5}}}};
    j.qLastModuleIdx = 4;
    j.statesFile = "hidden_states_q_0004.bin";
    j.measurementRowsUsed = 3;
    j.datasetRowsUsed = 7;
    j.calibrationPerplexity = 6.25;
    j.secondsSpent = 12.5;
    return j;
}

JobSettings minimalSettings(const fs::path& out)
{
    JobSettings s;
    s.inDir = (out / "no-such-model").string();
    s.outDir = out.string();
    s.device = "cpu";
    return s;
}

// runJob's error (code and text), or "" when it did not throw.
std::pair<ErrorCode, std::string> runError(const JobSettings& s, std::vector<std::string>* log = nullptr)
{
    JobHooks hooks;
    hooks.log = [&](const std::string& line) {
        if (log)
            log->push_back(line);
    };
    try {
        runJob(s, hooks);
    } catch (const Error& e) {
        return {e.code(), e.what()};
    }
    return {ErrorCode::Internal, ""};
}

bool contains(const std::vector<std::string>& lines, const std::string& text)
{
    for (const auto& l : lines)
        if (l.find(text) != std::string::npos)
            return true;
    return false;
}

}  // namespace

void TestPipelineJob::stageTransitions_data()
{
    QTest::addColumn<JobStage>("stage");
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<bool>("measureOnly");
    QTest::addColumn<JobStage>("next");
    QTest::newRow("begin") << JobStage::Begin << false << false << JobStage::InitialEmbeddings;
    QTest::newRow("begin -m") << JobStage::Begin << true << false << JobStage::Optimize;
    QTest::newRow("begin -m -om") << JobStage::Begin << true << true << JobStage::Optimize;
    QTest::newRow("initial_embeddings") << JobStage::InitialEmbeddings << false << false << JobStage::MeasureQuant;
    QTest::newRow("measure_quant") << JobStage::MeasureQuant << false << false << JobStage::Optimize;
    QTest::newRow("measure_quant -om") << JobStage::MeasureQuant << false << true << JobStage::Finished;
    QTest::newRow("optimize") << JobStage::Optimize << false << false << JobStage::TokensCal;
    QTest::newRow("tokens_cal") << JobStage::TokensCal << false << false << JobStage::Embeddings;
    QTest::newRow("embeddings") << JobStage::Embeddings << false << false << JobStage::Quant;
    QTest::newRow("quant") << JobStage::Quant << false << false << JobStage::Compile;
    QTest::newRow("compile") << JobStage::Compile << false << false << JobStage::Finished;
    QTest::newRow("finished stays") << JobStage::Finished << false << false << JobStage::Finished;
}

void TestPipelineJob::stageTransitions()
{
    QFETCH(JobStage, stage);
    QFETCH(bool, reuse);
    QFETCH(bool, measureOnly);
    QFETCH(JobStage, next);
    QCOMPARE(nextStage(stage, reuse, measureOnly), next);
}

void TestPipelineJob::stageWalks_data()
{
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<bool>("measureOnly");
    QTest::addColumn<QString>("path");
    QTest::newRow("full") << false << false
                          << "begin initial_embeddings measure_quant optimize tokens_cal embeddings quant compile finished";
    QTest::newRow("-m") << true << false << "begin optimize tokens_cal embeddings quant compile finished";
    QTest::newRow("-om") << false << true << "begin initial_embeddings measure_quant finished";
}

void TestPipelineJob::stageWalks()
{
    QFETCH(bool, reuse);
    QFETCH(bool, measureOnly);
    QFETCH(QString, path);
    QStringList seen;
    JobStage s = JobStage::Begin;
    for (int guard = 0; guard < 20; ++guard) {
        seen << jobStageName(s);
        if (s == JobStage::Finished)
            break;
        s = nextStage(s, reuse, measureOnly);
    }
    QCOMPARE(seen.join(' '), path);
}

void TestPipelineJob::stageNamesRoundTrip()
{
    for (int i = 0; i <= int(JobStage::Finished); ++i)
        QCOMPARE(parseJobStage(jobStageName(JobStage(i)), "job.json"), JobStage(i));
    try {
        parseJobStage("quantize", "/w/job.json");
        QFAIL("no error for an unknown stage");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Format);
        QVERIFY(std::string(e.what()).find("/w/job.json: field \"progress\" is \"quantize\"") == 0);
    }
}

void TestPipelineJob::jobJsonRoundTrip()
{
    const JobRecord j = sampleJob();
    const JobRecord back = jobFromJson(nlohmann::ordered_json::parse(jobToJson(j).dump(4)), "job.json");
    QCOMPARE(jobToJson(back).dump(), jobToJson(j).dump());
    QCOMPARE(back.settings.seed, j.settings.seed);
    QCOMPARE(back.settings.ropeScale.value(), 2.0);
    QVERIFY(!back.settings.ropeAlpha.has_value());
    QCOMPARE(back.settings.calColumn, std::string("text"));
    QCOMPARE(back.progress, JobStage::Quant);
    QCOMPARE(back.qLastModuleIdx, 4);
    QCOMPARE(back.statesFile, j.statesFile);
    QCOMPARE(back.calibrationPerplexity, 6.25);
    QVERIFY(!back.invalid);
}

void TestPipelineJob::jobJsonKeyOrder()
{
    JobRecord j = sampleJob();
    j.settings.ropeScale.reset();
    const nlohmann::ordered_json out = jobToJson(j);
    const std::vector<std::string> expected{"in_dir", "out_dir", "cal_dataset", "bits", "dataset_rows",
                                            "measurement_rows", "length", "measurement_length", "head_bits",
                                            "shard_size", "compile_full", "rope_scale", "rope_alpha",
                                            "output_measurement", "progress"};
    std::vector<std::string> keys;
    for (auto it = out.begin(); it != out.end() && keys.size() < expected.size(); ++it)
        keys.push_back(it.key());
    QCOMPARE(keys, expected);
    QVERIFY(out["rope_scale"].is_null());
    QVERIFY(out["compile_full"].is_null());
    QCOMPARE(out["progress"].get<std::string>(), std::string("quant"));
    QCOMPARE(out["seed"].get<uint64_t>(), 1234567890123ull);
}

void TestPipelineJob::jobJsonErrors_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing bits") << "bits=" << "field \"bits\" is missing, expected a number";
    QTest::newRow("bits as text") << "bits=\"four\"" << "field \"bits\" is \"four\", expected a number";
    QTest::newRow("bad stage") << "progress=\"compiling\"" << "field \"progress\" is \"compiling\"";
    QTest::newRow("rows not int") << "dataset_rows=[1]" << "field \"dataset_rows\" is [1], expected an integer";
    QTest::newRow("settings not object") << "settings=3" << "field \"settings\" is 3, expected an object";
}

void TestPipelineJob::jobJsonErrors()
{
    QFETCH(QString, edit);
    QFETCH(QString, message);
    nlohmann::ordered_json j = jobToJson(sampleJob());
    const std::string e = edit.toStdString();
    const std::string key = e.substr(0, e.find('=')), value = e.substr(e.find('=') + 1);
    if (value.empty())
        j.erase(key);
    else
        j[key] = nlohmann::ordered_json::parse(value);
    try {
        jobFromJson(j, "/w/job.json");
        QFAIL("no error");
    } catch (const Error& err) {
        QCOMPARE(err.code(), ErrorCode::Format);
        const std::string what = err.what();
        QVERIFY2(what.rfind("/w/job.json: ", 0) == 0, what.c_str());
        QVERIFY2(what.find(message.toStdString()) != std::string::npos, what.c_str());
    }
}

void TestPipelineJob::jobSaveIsAtomic()
{
    const fs::path dir = exl2test::scratchDir("pipeline-job-atomic");
    JobRecord j = sampleJob();
    saveJob(dir, j);
    // A temporary left by a writer killed mid-write must not be read and must not hide the real file.
    touch(dir / "job.json.tmp-99999", "{ half written");
    QCOMPARE(loadJob(dir).qLastModuleIdx, 4);
    j.qLastModuleIdx = 5;
    saveJob(dir, j);
    QCOMPARE(loadJob(dir).qLastModuleIdx, 5);
    size_t tmps = 0;
    for (const auto& e : fs::directory_iterator(dir))
        tmps += e.path().filename().string().find(".tmp-") != std::string::npos;
    QCOMPARE(tmps, size_t(1));  // only the planted one
    // A failed save leaves the previous job.json intact.
    const fs::path ro = dir / "ro";
    fs::create_directories(ro);
    saveJob(ro, j);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
    j.qLastModuleIdx = 6;
    bool threw = false;
    try {
        saveJob(ro, j);
    } catch (const Error& e) {
        threw = e.code() == ErrorCode::Io;
    }
    fs::permissions(ro, fs::perms::owner_all);
    if (::geteuid() != 0)  // root ignores the permission
        QVERIFY(threw);
    if (threw)
        QCOMPARE(loadJob(ro).qLastModuleIdx, 5);
    // A truncated job.json is a Format error naming the file.
    writeFileAtomically(dir / "job.json", std::string("{\"in_dir\": \"x\""));
    try {
        loadJob(dir);
        QFAIL("no error for a truncated job.json");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Format);
        QVERIFY(std::string(e.what()).find((dir / "job.json").string()) == 0);
    }
}

void TestPipelineJob::arrayFileRoundTrip()
{
    const fs::path dir = exl2test::scratchDir("pipeline-array");
    FloatArray f{{2, 3, 4}, {}};
    for (int i = 0; i < 24; ++i)
        f.data.push_back(float(i) * 0.37f - 3.0f);
    writeArrayFile(dir / "s.bin", f);
    const FloatArray g = readFloatArrayFile(dir / "s.bin");
    QCOMPARE(g.shape, f.shape);
    QVERIFY(std::memcmp(g.data.data(), f.data.data(), f.data.size() * 4) == 0);
    IntArray ids{{2, 2}, {1, -2, 511, 7}};
    writeArrayFile(dir / "i.bin", ids);
    QCOMPARE(readIntArrayFile(dir / "i.bin").data, ids.data);
    QVERIFY_THROWS_EXCEPTION(Error, readFloatArrayFile(dir / "i.bin"));  // wrong element type
}

void TestPipelineJob::arrayFileRejectsDamage_data()
{
    QTest::addColumn<int>("truncateTo");
    QTest::addColumn<int>("flipByte");
    QTest::newRow("empty") << 0 << -1;
    QTest::newRow("header only") << 20 << -1;
    QTest::newRow("torn data") << 60 << -1;
    QTest::newRow("no checksum") << 104 << -1;
    QTest::newRow("flipped data byte") << -1 << 50;
    QTest::newRow("flipped magic") << -1 << 2;
}

void TestPipelineJob::arrayFileRejectsDamage()
{
    QFETCH(int, truncateTo);
    QFETCH(int, flipByte);
    const fs::path dir = exl2test::scratchDir("pipeline-array-damage");
    FloatArray f{{1, 2, 10}, std::vector<float>(20, 1.5f)};
    writeArrayFile(dir / "s.bin", f);
    std::string bytes = readFile(dir / "s.bin");
    QCOMPARE(bytes.size(), size_t(16 + 24 + 80 + 8));
    if (truncateTo >= 0)
        bytes.resize(size_t(truncateTo));
    if (flipByte >= 0)
        bytes[size_t(flipByte)] ^= 0x40;
    writeFileAtomically(dir / "s.bin", bytes);
    try {
        readFloatArrayFile(dir / "s.bin");
        QFAIL("damaged file accepted");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Format);
        QVERIFY(std::string(e.what()).find((dir / "s.bin").string()) == 0);
    }
}

void TestPipelineJob::manifestCleanKeepsUnrelatedFiles()
{
    const fs::path dir = exl2test::scratchDir("pipeline-manifest");
    {
        WorkDir w(dir);
        w.ownDirectory("out_tensor");
        w.own("hidden_states_m_0003.bin");
        w.own(dir / "out_tensor" / "model.layers.0.mlp.up_proj.safetensors");
        w.own("job.json");
    }
    touch(dir / "hidden_states_m_0003.bin");
    touch(dir / "hidden_states_m_0003.bin.tmp-4242");          // left by a killed atomic write
    touch(dir / "out_tensor" / "model.layers.0.mlp.up_proj.safetensors");
    touch(dir / "job.json");
    touch(dir / "notes.txt");                                    // the user's
    touch(dir / "hidden_states_m_0003.bin.tmp-backup");          // not our temporary pattern
    touch(dir / "sub" / "keep.safetensors");                     // the user's
    WorkDir again(dir);  // reloads the manifest from disk
    QVERIFY(again.owns("hidden_states_m_0003.bin"));
    QVERIFY(!again.owns("notes.txt"));
    QCOMPARE(again.sweepTemporaries(), size_t(1));  // what a resumed job does first
    QVERIFY(!fs::exists(dir / "hidden_states_m_0003.bin.tmp-4242"));
    QVERIFY(fs::exists(dir / "hidden_states_m_0003.bin"));
    touch(dir / "hidden_states_m_0003.bin.tmp-4243");
    QCOMPARE(again.clean(), size_t(5));  // states, its temporary, the out_tensor file, job.json, manifest
    QVERIFY(!fs::exists(dir / "hidden_states_m_0003.bin"));
    QVERIFY(!fs::exists(dir / "hidden_states_m_0003.bin.tmp-4243"));
    QVERIFY(!fs::exists(dir / "out_tensor"));
    QVERIFY(!fs::exists(dir / "job.json"));
    QVERIFY(!fs::exists(dir / kManifestFileName));
    QVERIFY(fs::exists(dir / "notes.txt"));
    QVERIFY(fs::exists(dir / "hidden_states_m_0003.bin.tmp-backup"));
    QVERIFY(fs::exists(dir / "sub" / "keep.safetensors"));

    // A last manifest line without its newline (a write cut short by a full disk) never claims a user's file.
    {
        WorkDir w(dir);
        w.own("a.bin");
    }
    std::ofstream(dir / kManifestFileName, std::ios::app) << "notes.txt";
    touch(dir / "notes.txt");
    WorkDir cut(dir);
    QVERIFY(cut.owns("a.bin"));
    QVERIFY(!cut.owns("notes.txt"));
}

void TestPipelineJob::noResumeKeepsUnrelatedFiles()
{
    const fs::path dir = exl2test::scratchDir("pipeline-nr");
    JobRecord j = sampleJob();
    j.settings.outDir = dir.string();
    {
        WorkDir w(dir);
        w.own("job.json");
        w.own("cal_ids_measure.bin");
    }
    saveJob(dir, j);
    touch(dir / "cal_ids_measure.bin");
    touch(dir / "my_model_notes.md");
    touch(dir / "other" / "weights.safetensors");
    JobSettings s = minimalSettings(dir);
    s.noResume = true;
    std::vector<std::string> log;
    const auto [code, what] = runError(s, &log);  // fails later: the model folder does not exist
    QVERIFY(!what.empty());
    QVERIFY(contains(log, " -- Beginning new job"));
    QVERIFY(contains(log, " !! Warning: Output directory is not empty: " + dir.string()));
    QVERIFY(contains(log, " !! Cleaning output directory: " + dir.string()));
    QVERIFY(contains(log, " !! Note: files in " + dir.string() + " that no job wrote were kept"));
    QVERIFY(!fs::exists(dir / "cal_ids_measure.bin"));
    QVERIFY(fs::exists(dir / "my_model_notes.md"));
    QVERIFY(fs::exists(dir / "other" / "weights.safetensors"));
}

void TestPipelineJob::resumeRefusesFinishedAndCorruptJobs_data()
{
    QTest::addColumn<bool>("finished");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("finished") << true << int(ErrorCode::InvalidArgument)
                              << "Job is already finished. Clear the working directory, or run this script with "
                                 "-nr/--no_resume to clear it automatically.";
    QTest::newRow("invalid") << false << int(ErrorCode::Format) << "Error: Corrupted job";
}

void TestPipelineJob::resumeRefusesFinishedAndCorruptJobs()
{
    QFETCH(bool, finished);
    QFETCH(int, code);
    QFETCH(QString, message);
    const fs::path dir = exl2test::scratchDir("pipeline-resume-refuse");
    JobRecord j = sampleJob();
    if (finished)
        j.progress = JobStage::Finished;
    else
        j.invalid = true;
    saveJob(dir, j);
    JobSettings s = minimalSettings(dir);
    s.inDir.clear();  // resuming needs no -i
    std::vector<std::string> log;
    const auto [c, what] = runError(s, &log);
    QCOMPARE(int(c), code);
    QCOMPARE(QString::fromStdString(what), message);
    QVERIFY(contains(log, " -- Resuming job"));
}

void TestPipelineJob::resumeUsesStoredSettings()
{
    const fs::path dir = exl2test::scratchDir("pipeline-resume-stored");
    JobRecord j = sampleJob();
    j.progress = JobStage::Optimize;
    j.settings.inDir = (dir / "stored-model").string();
    saveJob(dir, j);
    JobSettings s = minimalSettings(dir);  // -i given: the stored job wins
    s.bits = 6.0;
    std::vector<std::string> log;
    const auto [c, what] = runError(s, &log);
    QVERIFY(contains(log, " !! Note: Overriding options with settings from existing job"));
    QVERIFY(contains(log, " -- Input: " + (dir / "stored-model").string()));
    QVERIFY(contains(log, " -- Target bits per weight: 3.5 (decoder), 8 (head)"));
    QVERIFY2(what.find((dir / "stored-model").string()) != std::string::npos, what.c_str());
}

void TestPipelineJob::settingsErrors_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("-o missing") << "outDir" << "" << "Please specify output/working directory (-o, --out_dir)";
    QTest::newRow("-i missing") << "inDir" << "" << "Please specify input model directory (-i, --in_dir)";
    QTest::newRow("-hb 7") << "headBits" << "7" << "Error: 7 is not a supported option for head layer bitrate";
    QTest::newRow("-om and -cf") << "omcf" << "" << "Conflicting options: --output_measurement and --compile_full";
    QTest::newRow("-om and -m") << "omm" << ""
                                << "Conflicting options: --output_measurement and --measurement (a reused measurement "
                                   "is not measured again)";
    QTest::newRow("-r 0") << "datasetRows" << "0"
                          << "Error: -r/--dataset_rows and -mr/--measurement_rows must be at least 1";
    QTest::newRow("--device gpu") << "device" << "gpu" << "Error: --device gpu is not one of cpu, cuda, cuda:N, auto";
    QTest::newRow("-m missing file") << "reuse" << "/nonexistent/measurement.json"
                                     << "Error: measurement file /nonexistent/measurement.json (-m) does not exist";
}

void TestPipelineJob::settingsErrors()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const fs::path dir = exl2test::scratchDir("pipeline-settings");
    JobSettings s = minimalSettings(dir / "out");
    const std::string v = value.toStdString();
    if (field == "outDir")
        s.outDir = v;
    else if (field == "inDir")
        s.inDir = v;
    else if (field == "headBits")
        s.headBits = std::stoi(v);
    else if (field == "omcf")
        s.outputMeasurement = s.compileFull = (dir / "x").string();
    else if (field == "omm") {
        s.outputMeasurement = (dir / "m.json").string();
        s.reuseMeasurement = (dir / "prior.json").string();
    } else if (field == "datasetRows")
        s.datasetRows = std::stoi(v);
    else if (field == "device")
        s.device = v;
    else if (field == "reuse")
        s.reuseMeasurement = v;
    const auto [c, what] = runError(s);
    QCOMPARE(c, ErrorCode::InvalidArgument);
    QCOMPARE(QString::fromStdString(what), message);
    QVERIFY(!fs::exists(dir / "out"));  // nothing created before the arguments are accepted
}

void TestPipelineJob::clampToMaxPositions()
{
    JobSettings s;
    std::vector<std::string> log;
    const LogFn collect = [&](const std::string& l) { log.push_back(l); };
    QVERIFY(clampLengths(s, 512, collect));
    QCOMPARE(s.length, 512);
    QCOMPARE(s.measurementLength, 512);
    QCOMPARE(log.size(), size_t(2));
    QCOMPARE(log[0], std::string(" !! Warning: Reducing calibration length to model max context: 512"));
    QCOMPARE(log[1], std::string(" !! Warning: Reducing measurement calibration length to model max context: 512"));
    log.clear();
    QVERIFY(!clampLengths(s, 4096, collect));
    QVERIFY(log.empty());
}

void TestPipelineJob::ropeWarnings_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<int>("scaling");  // 0 none, 1 linear x4
    QTest::addColumn<double>("rs");    // 0 = not given
    QTest::addColumn<double>("ra");
    QTest::addColumn<QString>("expected");  // substring of a warning, "" = no warning at all
    QTest::newRow("plain") << "llama-7b" << 0 << 0.0 << 0.0 << "";
    QTest::newRow("name says 32k") << "Mistral-7B-32k" << 0 << 0.0 << 0.0 << "suggests a 32k context";
    QTest::newRow("name says 4k, fits") << "phi-4k-instruct" << 0 << 0.0 << 0.0 << "";
    QTest::newRow("-rs over config") << "llama-7b" << 1 << 2.0 << 0.0 << "positions would be scaled twice";
    QTest::newRow("-ra over config") << "llama-7b" << 1 << 0.0 << 2.5 << "(double scaling)";
    QTest::newRow("-rs, config plain") << "Mistral-7B-32k" << 0 << 2.0 << 0.0 << "";
}

void TestPipelineJob::ropeWarnings()
{
    QFETCH(QString, folder);
    QFETCH(int, scaling);
    QFETCH(double, rs);
    QFETCH(double, ra);
    QFETCH(QString, expected);
    ModelConfig c;
    c.maxPositions = 8192;
    if (scaling) {
        c.ropeScaling.type = RopeScalingType::Linear;
        c.ropeScaling.factor = 4.0;
    }
    JobSettings s;
    if (rs > 0)
        s.ropeScale = rs;
    if (ra > 0)
        s.ropeAlpha = ra;
    std::vector<std::string> log;
    checkRope(c, fs::path("/nonexistent") / folder.toStdString(), s, [&](const std::string& l) { log.push_back(l); });
    int warnings = 0;
    for (const auto& l : log)
        warnings += l.rfind(" !! ", 0) == 0;
    if (expected.isEmpty()) {
        QCOMPARE(warnings, 0);
    } else {
        QCOMPARE(warnings, 1);
        QVERIFY(contains(log, expected.toStdString()));
    }
    if (scaling)
        QVERIFY(contains(log, " -- RoPE scaling (config.json): linear, factor 4.00"));
}
