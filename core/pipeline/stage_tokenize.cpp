// begin / tokens_cal: calibration rows of the measurement or quant pass as token ids (custom file via
// core/calibration's readers, else the built-in dataset, seeded from the job seed), saved atomically.
#include "calibration/calibration_rows.h"
#include "pipeline/array_file.h"
#include "pipeline/stages.h"
#include "tokenizer/tokenizer.h"

#include <algorithm>

namespace exl2 {

namespace {

// Python repr() of a decoded string, close enough for a human check of the data.
std::string quoted(const std::string& s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\'')
            out += "\\'";
        else
            out += c;
    }
    return out + "'";
}

}  // namespace

void stageTokenize(JobContext& ctx, SourceModel& model, bool measurement)
{
    const JobSettings& s = ctx.settings();
    const size_t rows = size_t(measurement ? s.measurementRows : s.datasetRows);
    const size_t length = size_t(measurement ? s.measurementLength : s.length);
    const Tokenizer tokenizer = Tokenizer::fromModelDir(model.dir());
    const EncodeFn encode = [&](std::string_view text) { return tokenizer.encode(text, false); };
    ctx.beginSteps(measurement ? JobStage::Begin : JobStage::TokensCal, 0, 1);
    const CalibrationRows cal =
        s.calDataset.empty()
            ? buildRowsFromBuiltin(rows, length, ctx.derivedSeed(measurement ? "calibration-measure" : "calibration-quant"),
                                   encode)
            : buildRowsFromFile(s.calDataset, s.calColumn, rows, length, encode);
    if (!cal.description.empty())
        ctx.log(" -- " + cal.description);
    if (cal.rows > 0) {
        const auto first = cal.row(0);
        const auto last = cal.row(cal.rows - 1);
        const size_t n = std::min<size_t>(50, cal.length);
        ctx.log(" -- First 50 tokens of dataset:");
        ctx.log("    " + quoted(tokenizer.decode(first.subspan(0, n), false)));
        ctx.log(" -- Last 50 tokens of dataset:");
        ctx.log("    " + quoted(tokenizer.decode(last.subspan(cal.length - n), false)));
    }
    IntArray ids;
    ids.shape = {int64_t(cal.rows), int64_t(cal.length)};
    ids.data = cal.ids;
    const std::string name = measurement ? "cal_ids_measure.bin" : "cal_ids_quant.bin";
    writeArrayFile(ctx.work().own(name), ids);
    ctx.job().calFilename = name;
    if (measurement)
        ctx.job().measurementRowsUsed = int(cal.rows);
    else
        ctx.job().datasetRowsUsed = int(cal.rows);
    ctx.stepDone();
}

}  // namespace exl2
