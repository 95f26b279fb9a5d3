#include "util/error.h"

namespace exl2 {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::Io: return "I/O error";
    case ErrorCode::Format: return "format error";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Model: return "model error";
    case ErrorCode::Numerical: return "numerical error";
    case ErrorCode::ResourceLimit: return "resource limit";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Backend: return "backend error";
    case ErrorCode::Internal: return "internal error";
    }
    return "error";
}

}  // namespace exl2
