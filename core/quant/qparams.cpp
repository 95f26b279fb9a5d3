#include "quant/qparams.h"

#include "util/python_json.h"

#include "quant/group_schedule.h"
#include "util/error.h"

#include <charconv>
#include <cmath>
#include <set>

namespace exl2 {

namespace {

std::map<int, int> alignedGroupSizes(const std::vector<int>& sizes, const std::vector<int>& bits)
{
    if (sizes.size() != bits.size())
        throw Error(ErrorCode::InvalidArgument, "QParams: " + std::to_string(sizes.size()) + " group sizes for " +
                                                    std::to_string(bits.size()) + " bit widths, expected one per width");
    std::map<int, int> m;
    for (size_t i = 0; i < bits.size(); ++i)
        m[bits[i]] = sizes[i];
    return m;
}

}  // namespace

QParams::QParams(int groupSizeAll, std::vector<int> b, std::vector<double> p)
    : bits(std::move(b)), bitsProp(std::move(p))
{
    for (int w : bits)
        groupSize[w] = groupSizeAll;
}

QParams::QParams(std::vector<int> groupSizes, std::vector<int> b, std::vector<double> p)
    : groupSize(alignedGroupSizes(groupSizes, b)), bits(std::move(b)), bitsProp(std::move(p))
{
}

void QParams::validate(const std::string& context) const
{
    auto fail = [&](const std::string& what) { throw Error(ErrorCode::InvalidArgument, context + ": " + what); };
    if (bits.empty() || bits.size() != bitsProp.size())
        fail("\"bits\" and \"bits_prop\" must be non-empty lists of equal length");
    if (scaleBits != 4)
        fail("\"scale_bits\" is " + std::to_string(scaleBits) + ", only 4 is supported (§2.5)");
    double sum = 0;
    std::set<int> seen;
    for (size_t i = 0; i < bits.size(); ++i) {
        const int b = bits[i];
        if (b != 2 && b != 3 && b != 4 && b != 5 && b != 6 && b != 8)
            fail("bit width " + std::to_string(b) + " is not one of 2, 3, 4, 5, 6, 8 (§12 item 1)");
        if (!seen.insert(b).second)
            fail("bit width " + std::to_string(b) + " appears twice (group sizes are keyed by width, §7)");
        if (i > 0 && b > bits[i - 1])
            fail("bit widths must be in descending order (§12 item 2)");
        const auto gs = groupSize.find(b);
        if (gs == groupSize.end() || gs->second <= 0 || gs->second % 32 != 0)
            fail("group size for " + std::to_string(b) + " bits must be a positive multiple of 32 (§12 item 3)");
        if (!(bitsProp[i] >= 0.0 && bitsProp[i] <= 1.0))
            fail("proportion " + std::to_string(bitsProp[i]) + " is outside [0, 1]");
        sum += bitsProp[i];
    }
    if (std::abs(sum - 1.0) > 1e-9)
        fail("\"bits_prop\" sums to " + std::to_string(sum) + ", expected 1.0");
}

int64_t QParams::totalBits(int64_t k, int64_t n, std::optional<int64_t> biasLength) const
{
    const GroupSchedule s = makeGroupSchedule(*this, k);
    int64_t total = 0;
    for (const QuantGroup& g : s.groups)
        total += g.rows * n * g.bits;
    const int64_t groups = int64_t(s.groups.size());
    total += 16 * groups + 32 * groups + 4 * groups * n + 32 * k;
    if (biasLength)
        total += 16 * *biasLength; // §7 quirk: the last dimension of the bias shape
    return total;
}

double QParams::bpw(int64_t k, int64_t n, std::optional<int64_t> biasLength) const
{
    const double elements = double(k) * double(n) + double(biasLength.value_or(0));
    return double(totalBits(k, n, biasLength)) / elements;
}

std::string QParams::desc() const
{
    std::string s;
    for (size_t i = 0; i < bits.size(); ++i) {
        if (i)
            s += "/";
        const double p = bitsProp[i];
        const bool asInt = p == 1.0 && !oneAsFloat;
        s += (asInt ? std::string("1") : pythonFloatRepr(p)) + ":" + std::to_string(bits[i]) + "b_" +
             std::to_string(groupSize.at(bits[i])) + "g";
    }
    return s + " s" + std::to_string(scaleBits);
}

std::string QParams::fileDesc() const
{
    std::string out;
    for (char c : desc()) {
        if (c == ':')
            out += "___";
        else if (c == '/')
            out += "__";
        else
            out += c;
    }
    return out;
}

nlohmann::ordered_json QParams::toJson() const
{
    nlohmann::ordered_json gs = nlohmann::ordered_json::object();
    for (int b : bits)
        gs[std::to_string(b)] = groupSize.at(b);
    nlohmann::ordered_json props = nlohmann::ordered_json::array();
    for (double p : bitsProp) {
        if (p == 1.0 && !oneAsFloat)
            props.push_back(1);
        else
            props.push_back(p);
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["group_size"] = gs;
    out["bits"] = bits;
    out["bits_prop"] = props;
    out["scale_bits"] = scaleBits;
    return out;
}

QParams QParams::fromJson(const nlohmann::json& j, const std::string& context)
{
    return fromJson(nlohmann::ordered_json(j), context);
}

QParams QParams::fromJson(const nlohmann::ordered_json& j, const std::string& context)
{
    auto fail = [&](const std::string& field, const std::string& expected) {
        throw Error(ErrorCode::Format, context + ": field \"" + field + "\" " + expected);
    };
    if (!j.is_object())
        fail("QP", "must be an object with group_size, bits, bits_prop, scale_bits");
    QParams q;
    if (!j.contains("bits") || !j["bits"].is_array())
        fail("bits", "must be a list of integers");
    for (const auto& b : j["bits"]) {
        if (!b.is_number_integer())
            fail("bits", "must be a list of integers");
        q.bits.push_back(b.get<int>());
    }
    if (!j.contains("bits_prop") || !j["bits_prop"].is_array())
        fail("bits_prop", "must be a list of numbers");
    for (const auto& p : j["bits_prop"]) {
        if (!p.is_number())
            fail("bits_prop", "must be a list of numbers");
        q.bitsProp.push_back(p.get<double>());
        if (p.is_number_float() && p.get<double>() == 1.0)
            q.oneAsFloat = true;
    }
    if (!j.contains("group_size"))
        fail("group_size", "is missing");
    const auto& gs = j["group_size"];
    if (gs.is_number_integer()) {
        for (int b : q.bits)
            q.groupSize[b] = gs.get<int>();
    } else if (gs.is_object()) {
        for (const auto& [key, value] : gs.items()) {
            int b = 0;
            const auto r = std::from_chars(key.data(), key.data() + key.size(), b);
            if (r.ec != std::errc() || r.ptr != key.data() + key.size() || !value.is_number_integer())
                fail("group_size", "must map bit widths (\"4\") to integer sizes, got key \"" + key + "\"");
            q.groupSize[b] = value.get<int>();
        }
    } else {
        fail("group_size", "must be an object {\"<bits>\": size} or one integer");
    }
    if (j.contains("scale_bits")) {
        if (!j["scale_bits"].is_number_integer())
            fail("scale_bits", "must be an integer");
        q.scaleBits = j["scale_bits"].get<int>();
    }
    try {
        q.validate(context);
    } catch (const Error& e) {
        throw Error(ErrorCode::Format, e.what());
    }
    return q;
}

ReducedQParams getQParamsReduced(const std::vector<QParamsRow>& table, bool ignoreColumn0)
{
    ReducedQParams r;
    const size_t cols = table.empty() ? 0 : table.front().size();
    r.columns.resize(cols);
    std::vector<std::vector<std::string>> descs(cols);
    for (const QParamsRow& row : table) {
        std::vector<int> idx;
        for (size_t c = ignoreColumn0 ? 1 : 0; c < row.size() && c < cols; ++c) {
            const std::string d = row[c].desc();
            size_t i = 0;
            while (i < descs[c].size() && descs[c][i] != d)
                ++i;
            if (i == descs[c].size()) {
                descs[c].push_back(d);
                r.columns[c].push_back(row[c]);
            }
            idx.push_back(int(i));
        }
        r.rowIndices.push_back(idx);
    }
    return r;
}

}  // namespace exl2
