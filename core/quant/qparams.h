// QParams: one quantization option for a linear layer (bit widths, their proportions and group sizes),
// the converter's option tables for attention, MLP and head as data (format spec §7.1), the per-column
// de-duplication used by measurement (§7.2), bit accounting (§7) and the measurement.json "QP" JSON shape.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

struct QParams {
    std::map<int, int> groupSize; // bit width -> group size (a width appears once, §7)
    std::vector<int> bits;        // stored order: descending widths (§12 item 2)
    std::vector<double> bitsProp; // proportions of K per segment, summing to 1
    int scaleBits = 4;
    bool oneAsFloat = false;      // a proportion of exactly 1 is Python float "1.0" (head option 8), not int "1"

    QParams() = default;
    // One group size for every width.
    QParams(int groupSizeAll, std::vector<int> bits, std::vector<double> bitsProp);
    // Group sizes aligned with `bits` (the list form of qparams.py).
    QParams(std::vector<int> groupSizes, std::vector<int> bits, std::vector<double> bitsProp);

    // Throws Error(InvalidArgument) naming `context` when widths, proportions or group sizes are invalid.
    void validate(const std::string& context) const;

    // Total stored bits for a [K rows, N columns] layer plus an optional bias of `biasLength` (§7, total_bits).
    int64_t totalBits(int64_t k, int64_t n, std::optional<int64_t> biasLength = std::nullopt) const;
    double bpw(int64_t k, int64_t n, std::optional<int64_t> biasLength = std::nullopt) const;

    // "0.05:6b_32g/0.2:3b_64g/0.75:2b_64g s4" (Python str() of each proportion, §7 desc).
    std::string desc() const;
    // The file-name variant: ':' -> "___", '/' -> "__".
    std::string fileDesc() const;

    // group_size keys in `bits` order, as Python's dict writes them in measurement.json.
    nlohmann::ordered_json toJson() const;
    // Accepts the "QP" shape; throws Error(Format) naming `context` and the bad field.
    static QParams fromJson(const nlohmann::ordered_json& j, const std::string& context);
    static QParams fromJson(const nlohmann::json& j, const std::string& context);

    bool operator==(const QParams& o) const = default;
};

// One row of a table: an option per projection column.
using QParamsRow = std::vector<QParams>;

// §7.1 tables. Attention columns: q, k, v, o. MLP columns: gate, up, down (MoE w1, w3, w2).
const std::vector<QParamsRow>& qparamsAttn();
const std::vector<QParamsRow>& qparamsMlp();
// Head options keyed by head_bits (2, 3, 4, 5, 6, 8). Throws InvalidArgument for other keys.
const QParams& qparamsHead(int headBits);
std::vector<int> qparamsHeadKeys();

// §7.2: per column, the distinct options in order of first appearance (by desc), and per table row the
// index of each column's option. With ignoreColumn0 (MLP without gate) column 0 is skipped: its list stays
// empty and rows hold indices for columns 1.. only.
struct ReducedQParams {
    std::vector<std::vector<QParams>> columns;
    std::vector<std::vector<int>> rowIndices;
};
ReducedQParams getQParamsReduced(const std::vector<QParamsRow>& table, bool ignoreColumn0 = false);

}  // namespace exl2
