// The one error type of core/: every failure a user can cause or meet is thrown as exl2::Error,
// with a code for programs and a message for people that names the file, the field and what was expected.
#pragma once

#include <stdexcept>
#include <string>

namespace exl2 {

enum class ErrorCode {
    InvalidArgument,   // a bad option or parameter value
    Io,                // a file could not be opened, read, written or renamed
    Format,            // a file's contents are malformed (safetensors, JSON, parquet, ...)
    Unsupported,       // valid input this tool does not handle (architecture, tokenizer component, dtype)
    Model,             // a model folder is inconsistent (missing tensor, wrong shape)
    Numerical,         // NaN/Inf, non-invertible Hessian
    ResourceLimit,     // not enough memory or disk for what was declared
    Cancelled,         // the user stopped the job; it stays resumable
    Backend,           // a device/backend failure (CUDA, BLAS)
    Internal,          // a bug: an invariant did not hold
};

const char* errorCodeName(ErrorCode code);

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

}  // namespace exl2
