#include "convert_printer.h"

#include "util/python_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace {

std::string etaText(double seconds)
{
    if (seconds < 0)
        return "--";
    const long s = std::lround(seconds);
    std::ostringstream out;
    if (s >= 3600)
        out << s / 3600 << "h ";
    out << (s % 3600) / 60 << "min " << s % 60 << "sec";
    return out.str();
}

void emit(const nlohmann::json& j)
{
    std::cout << j.dump() << std::endl;
}

const char* statusStageName(exl2::JobStage stage)
{
    switch (stage) {
    case exl2::JobStage::Begin: return "Tokenizing (1)";
    case exl2::JobStage::TokensCal: return "Tokenizing (2)";
    case exl2::JobStage::InitialEmbeddings:
    case exl2::JobStage::Embeddings: return "Embeddings";
    case exl2::JobStage::MeasureQuant: return "Measuring";
    case exl2::JobStage::Optimize: return "Optimizing";
    case exl2::JobStage::Quant: return "Quantizing";
    case exl2::JobStage::Compile: return "Compiling";
    case exl2::JobStage::Finished: return nullptr;
    }
    return nullptr;
}

}  // namespace

std::string statusLine(exl2::JobStage stage, double fraction)
{
    const char* name = statusStageName(stage);
    if (!name)
        return "";
    // Python's json.dumps: ", " and ": " separators, completion = round(progress / max, 4) as repr prints it.
    return std::string("[STATUS]{\"stage\": \"") + name +
           "\", \"completion\": " + exl2::pythonFloatRepr(std::round(fraction * 1e4) / 1e4) + "}[/STATUS]";
}

ConvertPrinter::ConvertPrinter(bool json, bool status) : m_json(json), m_status(status) {}

void ConvertPrinter::human(const std::string& line)
{
    (m_json ? std::cerr : std::cout) << line << std::endl;
}

void ConvertPrinter::progress(exl2::JobStage stage, double fraction, double eta)
{
    if (m_status) {
        const std::string line = statusLine(stage, fraction);
        if (!line.empty())
            std::cout << line << std::endl;
    }
    if (m_json) {
        emit({{"event", "progress"}, {"stage", exl2::jobStageName(stage)}, {"completion", std::round(fraction * 1e4) / 1e4},
              {"eta_seconds", eta < 0 ? nlohmann::json(nullptr) : nlohmann::json(std::round(eta * 10) / 10)}});
        return;
    }
    // At most one human progress line per second, plus the completion of each stage.
    const auto now = std::chrono::steady_clock::now();
    if (fraction < 1.0 && now - m_lastPrint < std::chrono::seconds(1))
        return;
    m_lastPrint = now;
    char pct[16];
    std::snprintf(pct, sizeof pct, "%5.1f%%", fraction * 100.0);
    human(std::string(" -- Progress: ") + exl2::jobStageName(stage) + " " + pct + ", ETA " + etaText(eta));
}

exl2::JobHooks ConvertPrinter::hooks()
{
    exl2::JobHooks h;
    h.log = [this](const std::string& line) { human(line); };
    h.progress = [this](exl2::JobStage stage, double fraction, double eta) { progress(stage, fraction, eta); };
    if (m_json) {
        h.moduleMeasured = [](const exl2::ModuleMeasured& m) {
            emit({{"event", "module_measured"}, {"index", m.moduleIndex}, {"count", m.moduleCount}, {"key", m.key},
                  {"bpw", m.optionBpw}, {"accuracy", m.optionAccuracy}});
        };
        h.moduleQuantized = [](const exl2::ModuleQuantized& m) {
            emit({{"event", "module_quantized"}, {"index", m.moduleIndex}, {"count", m.moduleCount}, {"key", m.key},
                  {"bpw", m.bpw}, {"rfn_error", m.error}});
        };
        h.strategyChosen = [](const exl2::StrategyChosen& s) {
            emit({{"event", "strategy"}, {"keys", s.keys}, {"bpw", s.bpw}, {"target_bpw", s.targetBpw}});
        };
        h.calibrationPerplexity = [](double ppl) { emit({{"event", "calibration_perplexity"}, {"value", ppl}}); };
    }
    return h;
}

void ConvertPrinter::finished(const exl2::JobResult& r)
{
    if (m_json)
        emit({{"event", "finished"}, {"output_dir", r.outputDir}, {"measurement_only", r.measurementOnly},
              {"bpw", r.actualBpw}, {"bytes", r.bytesOnDisk}, {"calibration_perplexity", r.calibrationPerplexity},
              {"seconds", r.seconds}});
    if (!r.measurementOnly) {
        char line[160];
        std::snprintf(line, sizeof line, " -- Output: %s (%.4f bpw decoder, %.2f MiB), calibration perplexity %.4f",
                      r.outputDir.c_str(), r.actualBpw, double(r.bytesOnDisk) / 1048576.0, r.calibrationPerplexity);
        human(line);
    }
}

int ConvertPrinter::failed(const exl2::Error& e)
{
    const int code = e.code() == exl2::ErrorCode::InvalidArgument ? 2 : e.code() == exl2::ErrorCode::Cancelled ? 130 : 1;
    if (e.code() == exl2::ErrorCode::Cancelled)
        std::cerr << " !! " << e.what() << std::endl;
    else
        std::cerr << " ## " << e.what() << std::endl;
    if (m_json)
        emit({{"event", "failed"}, {"code", exl2::errorCodeName(e.code())}, {"message", e.what()}, {"exit_code", code}});
    return code;
}
