// initial_embeddings / embeddings: token ids of the stage's calibration rows -> input states of module 1.
#include "calibration/calibration_rows.h"
#include "pipeline/array_file.h"
#include "pipeline/stages.h"
#include "pipeline/states_checkpoint.h"
#include "util/error.h"


namespace exl2 {

void stageEmbeddings(JobContext& ctx, SourceModel& model, bool measurement)
{
    ctx.beginSteps(measurement ? JobStage::InitialEmbeddings : JobStage::Embeddings, 0, 1);
    const IntArray ids = readIntArrayFile(ctx.outDir() / ctx.job().calFilename);
    if (ids.shape.size() != 2)
        throw Error(ErrorCode::Format, ctx.job().calFilename + ": expected a [rows, length] array of token ids");
    std::vector<int32_t> clean = ids.data;  // reference 3.6: out-of-table ids embed as token 0
    sanitizeTokenIds(clean, model.config().vocabSize);
    const HiddenStates states = model.transformer().embed(clean, ids.shape[0], ids.shape[1]);
    commitStates(ctx, states, measurement ? "m_0000" : "q_0000", [&](JobRecord& job) {
        if (measurement)
            job.lastModuleIdx = 0;
        else
            job.qLastModuleIdx = 0;
    });
    ctx.stepDone();
}

}  // namespace exl2
