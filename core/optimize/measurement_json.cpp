#include "optimize/measurement_json.h"

#include "util/error.h"

#include <cmath>
#include <set>

namespace exl2 {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what)
{
    throw Error(ErrorCode::Format, where + ": " + what);
}

const nlohmann::ordered_json& member(const nlohmann::ordered_json& obj, const char* name, const std::string& where)
{
    const auto it = obj.find(name);
    if (it == obj.end())
        fail(where + "." + name, "missing");
    return *it;
}

int64_t asInt(const nlohmann::ordered_json& v, const std::string& where)
{
    // Python writes ints without a fraction; accept an integral float too (other writers).
    if (v.is_number_integer())
        return v.get<int64_t>();
    if (v.is_number_float() && std::fabs(v.get<double>()) < 9e18 && std::floor(v.get<double>()) == v.get<double>())
        return int64_t(v.get<double>());
    fail(where, "expected an integer");
}

double asNumber(const nlohmann::ordered_json& v, const std::string& where)
{
    if (!v.is_number())
        fail(where, "expected a number");
    return v.get<double>();
}

}  // namespace

nlohmann::ordered_json qparamsToJson(const MeasuredQParams& qp)
{
    nlohmann::ordered_json gs = nlohmann::ordered_json::object();
    for (const auto& [bits, size] : qp.groupSize)
        gs[std::to_string(bits)] = size;
    nlohmann::ordered_json props = nlohmann::ordered_json::array();
    for (double p : qp.bitsProp) {
        // exllamav2's tables write a whole proportion as the int 1; keep that byte-for-byte.
        if (p == std::floor(p) && std::fabs(p) < 1e15)
            props.push_back(int64_t(p));
        else
            props.push_back(p);
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["group_size"] = gs;
    out["bits"] = qp.bits;
    out["bits_prop"] = props;
    out["scale_bits"] = qp.scaleBits;
    return out;
}

nlohmann::ordered_json recordToJson(const OptionRecord& record)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["accuracy"] = record.accuracy;
    out["total_bits"] = record.totalBits;
    for (const auto& [name, qp] : record.linears)
        out[name] = qparamsToJson(qp);
    return out;
}

MeasuredQParams qparamsFromJson(const nlohmann::ordered_json& v, const std::string& where)
{
    if (!v.is_object())
        fail(where, "expected an object with group_size, bits, bits_prop and scale_bits");
    for (const auto& [key, _] : v.items())
        if (key != "group_size" && key != "bits" && key != "bits_prop" && key != "scale_bits")
            fail(where + "." + key, "unexpected field (expected group_size, bits, bits_prop, scale_bits)");
    MeasuredQParams qp;
    const auto& bits = member(v, "bits", where);
    if (!bits.is_array() || bits.empty())
        fail(where + ".bits", "expected a non-empty list of bit widths");
    for (size_t i = 0; i < bits.size(); ++i) {
        const int64_t b = asInt(bits[i], where + ".bits[" + std::to_string(i) + "]");
        if (b < 1 || b > 8)
            fail(where + ".bits[" + std::to_string(i) + "]", "expected a bit width from 1 to 8, got " + std::to_string(b));
        qp.bits.push_back(int(b));
    }
    const auto& props = member(v, "bits_prop", where);
    if (!props.is_array() || props.size() != qp.bits.size())
        fail(where + ".bits_prop", "expected a list of " + std::to_string(qp.bits.size()) + " proportions (one per bit width)");
    double sum = 0;
    for (size_t i = 0; i < props.size(); ++i) {
        const std::string at = where + ".bits_prop[" + std::to_string(i) + "]";
        const double p = asNumber(props[i], at);
        if (!(p > 0 && p <= 1))
            fail(at, "expected a proportion in (0, 1]");
        qp.bitsProp.push_back(p);
        sum += p;
    }
    if (std::fabs(sum - 1.0) > 1e-6)
        fail(where + ".bits_prop", "expected proportions summing to 1, got " + std::to_string(sum));
    const auto& gs = member(v, "group_size", where);
    if (!gs.is_object())
        fail(where + ".group_size", "expected an object {\"<bits>\": group size}");
    std::set<int> seen;
    for (const auto& [key, size] : gs.items()) {
        const std::string at = where + ".group_size[\"" + key + "\"]";
        int b = 0;
        try {
            size_t used = 0;
            b = std::stoi(key, &used);
            if (used != key.size())
                throw std::invalid_argument(key);
        } catch (const std::exception&) {
            fail(at, "expected a bit width as key");
        }
        const int64_t g = asInt(size, at);
        if (g < 1 || g > (1 << 20))
            fail(at, "expected a group size from 1 to 1048576");
        qp.groupSize.emplace_back(b, int(g));
        seen.insert(b);
    }
    for (int b : qp.bits)
        if (!seen.count(b))
            fail(where + ".group_size", "no group size for " + std::to_string(b) + "-bit weights");
    const int64_t sb = asInt(member(v, "scale_bits", where), where + ".scale_bits");
    if (sb < 1 || sb > 16)
        fail(where + ".scale_bits", "expected 1 to 16");
    qp.scaleBits = int(sb);
    return qp;
}

OptionRecord recordFromJson(const nlohmann::ordered_json& v, const std::string& where)
{
    if (!v.is_object())
        fail(where, "expected an option record object");
    OptionRecord r;
    const double acc = asNumber(member(v, "accuracy", where), where + ".accuracy");
    if (!(acc >= 0 && acc <= 1))
        fail(where + ".accuracy", "expected a number from 0 to 1");
    r.accuracy = acc;
    const auto& tb = member(v, "total_bits", where);
    const int64_t bits = asInt(tb, where + ".total_bits");
    if (bits <= 0)
        fail(where + ".total_bits", "expected a positive integer");
    r.totalBits = uint64_t(bits);
    for (const auto& [key, value] : v.items()) {
        if (key == "accuracy" || key == "total_bits")
            continue;
        r.linears.emplace_back(key, qparamsFromJson(value, where + "." + key));
    }
    return r;
}

nlohmann::ordered_json parseJsonText(const std::string& text, const std::string& fileName)
{
    try {
        return nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorCode::Format, fileName + ": not valid JSON (byte " + std::to_string(e.byte) + "): " + e.what());
    } catch (const nlohmann::json::exception& e) {
        // out_of_range for a number too large for a double (e.g. 1e999): also the file's fault
        throw Error(ErrorCode::Format, fileName + ": not valid JSON: " + e.what());
    }
}

}  // namespace exl2
