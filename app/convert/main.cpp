// exl2-convert: the reference converter's command line (convert.py flags, defaults, messages) over
// core/pipeline's runJob(), with non-zero exit codes for errors, progress with ETA and --json-progress.
#include "common/cli.h"
#include "convert_printer.h"
#include "pipeline/job.h"
#include "util/error.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <unistd.h>

namespace {

std::atomic<bool> g_cancel{false};
std::atomic<int> g_interrupts{0};

void onSignal(int)
{
    g_cancel.store(true);
    if (g_interrupts.fetch_add(1) >= 1)
        ::_exit(130);  // second Ctrl-C: leave now; the last checkpoint is consistent
    static const char msg[] = "\n !! Interrupt: stopping at the next safe point (Ctrl-C again to quit now)\n";
    [[maybe_unused]] ssize_t n = ::write(2, msg, sizeof msg - 1);
}

void declareOptions(exl2cli::ArgParser& p)
{
    p.option("-i,--in_dir", "DIR", "input model folder (Hugging Face layout); not needed when resuming");
    p.option("-o,--out_dir", "DIR", "working directory (resumable job state; also the output unless -cf)");
    p.option("-res,--resume", "", "accepted for compatibility; resuming is automatic when DIR/job.json exists");
    p.option("-nr,--no_resume", "", "start a new job, deleting only the files earlier jobs wrote in -o");
    p.option("-cf,--compile_full", "DIR", "write the complete model (shards, config, tokenizer files) here");
    p.option("-c,--cal_dataset", "FILE", "calibration data: .parquet, .jsonl/.json or .txt", "built-in dataset");
    p.option("--column", "NAME", "column (parquet) or field (jsonl) of -c to use", "text / first string column");
    p.option("-b,--bits", "BPW", "target average bits per weight of the decoder layers", "4.125");
    p.option("-hb,--head_bits", "N", "bits of the output head: 2, 3, 4, 5, 6 or 8", "6");
    p.option("-ss,--shard_size", "MIB", "maximum output shard size in MiB, <= 0 for one shard", "8192");
    p.option("-rs,--rope_scale", "X", "RoPE linear position scaling for calibration passes");
    p.option("-ra,--rope_alpha", "X", "RoPE NTK alpha for calibration passes");
    p.option("-om,--output_measurement", "FILE", "measure only and write measurement.json here");
    p.option("-m,--measurement", "FILE", "reuse a measurement.json (ours or exllamav2's); skips measuring");
    p.option("--strategy", "FILE", "take the allocation from this strategy (or job.json) instead of optimizing; "
             "the target bits per weight is then what it gives");
    p.option("-r,--dataset_rows", "N", "calibration rows of the quantization pass (custom dataset)", "100");
    p.option("-mr,--measurement_rows", "N", "calibration rows of the measurement pass (custom dataset)", "16");
    p.option("-l,--length", "TOKENS", "tokens per quantization row (clamped to the model's max positions)", "2048");
    p.option("-ml,--measurement_length", "TOKENS", "tokens per measurement row (clamped likewise)", "2048");
    p.option("--device", "DEV", "cpu, cuda, cuda:N or auto", "auto");
    p.option("--seed", "N", "seed of every random choice (recorded in job.json)", "0");
    p.option("--json-progress", "", "print progress as JSON lines on stdout (human lines go to stderr)");
    p.option("-so,--status_output", "", "print the reference's [STATUS]{\"stage\": ..., \"completion\": ...}[/STATUS] lines on stdout");
}

exl2::JobSettings settingsFrom(const exl2cli::ArgParser& p)
{
    exl2::JobSettings s;
    s.inDir = p.value("in_dir");
    s.outDir = p.value("out_dir");
    s.noResume = p.has("no_resume");
    s.compileFull = p.value("compile_full");
    s.calDataset = p.value("cal_dataset");
    s.calColumn = p.value("column");
    s.bits = p.number("bits", s.bits);
    s.headBits = int(p.integer("head_bits", s.headBits));
    s.shardSizeMiB = p.number("shard_size", s.shardSizeMiB);
    if (p.has("rope_scale"))
        s.ropeScale = p.number("rope_scale", 1.0);
    if (p.has("rope_alpha"))
        s.ropeAlpha = p.number("rope_alpha", 1.0);
    s.outputMeasurement = p.value("output_measurement");
    s.reuseMeasurement = p.value("measurement");
    s.strategyFile = p.value("strategy");
    s.datasetRows = int(p.integer("dataset_rows", s.datasetRows));
    s.measurementRows = int(p.integer("measurement_rows", s.measurementRows));
    s.length = int(p.integer("length", s.length));
    s.measurementLength = int(p.integer("measurement_length", s.measurementLength));
    s.device = p.value("device", s.device);
    s.smallModelDefaults = !p.has("dataset_rows") && !p.has("measurement_rows") && !p.has("length") &&
                           !p.has("measurement_length");
    const long long seed = p.integer("seed", 0);
    if (seed < 0)
        throw exl2cli::UsageError("option --seed: expected a non-negative whole number");
    s.seed = uint64_t(seed);
    return s;
}

}  // namespace

int main(int argc, char** argv)
{
    exl2cli::ArgParser parser("exl2-convert", "Convert a Hugging Face model to EXL2 (resumable; flags as exllamav2's convert.py).");
    declareOptions(parser);
    exl2::JobSettings settings;
    try {
        parser.parse(std::vector<std::string>(argv + 1, argv + argc));
        if (parser.helpRequested()) {
            std::cout << parser.usage();
            return 0;
        }
        settings = settingsFrom(parser);
    } catch (const exl2cli::UsageError& e) {
        std::cerr << " ## exl2-convert: " << e.what() << "\n";
        return 2;
    }

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    ConvertPrinter printer(parser.has("json-progress"), parser.has("status_output"));
    exl2::JobHooks hooks = printer.hooks();
    if (parser.has("strategy") && parser.has("bits"))
        hooks.log(" !! Warning: -b/--bits is ignored: the allocation comes from the strategy file");
    hooks.cancelRequested = &g_cancel;
    try {
        const exl2::JobResult result = exl2::runJob(settings, hooks);
        printer.finished(result);
        return 0;
    } catch (const exl2::Error& e) {
        return printer.failed(e);
    } catch (const std::exception& e) {
        return printer.failed(exl2::Error(exl2::ErrorCode::Internal, e.what()));
    }
}
