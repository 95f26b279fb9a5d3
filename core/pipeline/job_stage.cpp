#include "pipeline/job_stage.h"

#include "util/error.h"

#include <array>

namespace exl2 {

namespace {

constexpr std::array<const char*, 9> kStageNames{"begin",    "initial_embeddings", "measure_quant",
                                                 "optimize", "tokens_cal",         "embeddings",
                                                 "quant",    "compile",            "finished"};

}  // namespace

const char* jobStageName(JobStage stage) { return kStageNames[size_t(stage)]; }

JobStage parseJobStage(const std::string& name, const std::string& file)
{
    for (size_t i = 0; i < kStageNames.size(); ++i)
        if (name == kStageNames[i])
            return JobStage(i);
    throw Error(ErrorCode::Format, file + ": field \"progress\" is \"" + name +
                                       "\", expected one of begin, initial_embeddings, measure_quant, optimize, "
                                       "tokens_cal, embeddings, quant, compile, finished");
}

JobStage nextStage(JobStage stage, bool reuseMeasurement, bool measureOnly)
{
    switch (stage) {
    case JobStage::Begin: return reuseMeasurement ? JobStage::Optimize : JobStage::InitialEmbeddings;
    case JobStage::InitialEmbeddings: return JobStage::MeasureQuant;
    case JobStage::MeasureQuant: return measureOnly ? JobStage::Finished : JobStage::Optimize;
    case JobStage::Optimize: return JobStage::TokensCal;
    case JobStage::TokensCal: return JobStage::Embeddings;
    case JobStage::Embeddings: return JobStage::Quant;
    case JobStage::Quant: return JobStage::Compile;
    case JobStage::Compile: return JobStage::Finished;
    case JobStage::Finished: return JobStage::Finished;
    }
    throw Error(ErrorCode::Internal, "nextStage: unknown stage");
}

}  // namespace exl2
