// The stage functions runJob() dispatches to, one file each (stage_*.cpp). Each runs to completion
// or throws; resumable stages checkpoint through JobContext after every module. Internal to core/pipeline.
#pragma once

#include "optimize/measurement.h"
#include "pipeline/job_context.h"
#include "pipeline/source_model.h"

namespace exl2 {

void stageTokenize(JobContext& ctx, SourceModel& model, bool measurement);   // begin, tokens_cal
void stageEmbeddings(JobContext& ctx, SourceModel& model, bool measurement); // initial_embeddings, embeddings
void stageMeasure(JobContext& ctx, SourceModel& model);                      // measure_quant
void stageOptimize(JobContext& ctx, SourceModel& model);                     // optimize
void stageQuantize(JobContext& ctx, SourceModel& model);                     // quant
void stageCompile(JobContext& ctx, SourceModel& model, JobResult& result);   // compile

// The measurement held in job.json (measured, or reused with -m), as core/optimize's type.
Measurement jobMeasurement(JobContext& ctx);

}  // namespace exl2
