// Quantization checks against docs/exl2-format.md: QParams tables and bit accounting (§7), the group
// schedule with its tail rule (§2.2), the §4 worked example, pack → read → dequantize round trips for every
// width (§2.4, §3), the Hessian preparation and its damping path (§6.2), and GPTQ against RTN on stories260k.
#include "backend/cpu_backend.h"
#include "quant/exl2_file.h"
#include "quant/exl2_reader.h"
#include "quant/fp16_round.h"
#include "quant/gptq.h"
#include "quant/group_schedule.h"
#include "quant/packing.h"
#include "quant/qparams.h"
#include "quant_test_support.h"
#include "stories_activations.h"
#include "test_support.h"
#include "util/error.h"
#include "util/half.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>

using namespace exl2;

namespace {

template <typename T> std::vector<T> tensorValues(const Exl2Tensors& t, const std::string& suffix)
{
    const Exl2Tensor& x = t.at(suffix, "test");
    std::vector<T> v(x.bytes.size() / sizeof(T));
    std::memcpy(v.data(), x.bytes.data(), x.bytes.size());
    return v;
}

// Every tensor of a layer as bytes, with one tensor replaced, for the reader's error cases.
Exl2Tensors withTensor(Exl2Tensors t, const Exl2Tensor& replacement)
{
    for (auto& x : t.tensors)
        if (x.suffix == replacement.suffix)
            x = replacement;
    return t;
}

QParams qpFromString(const QString& s)
{
    return QParams::fromJson(nlohmann::json::parse(s.toStdString()), "test row");
}

}  // namespace

class TestQuant : public QObject {
    Q_OBJECT
private slots:
    void qparamsTableBpw_data();
    void qparamsTableBpw();
    void qparamsStatedNumbers();
    void qparamsDescAndJson();
    void qparamsRejectsBadJson_data();
    void qparamsRejectsBadJson();
    void qparamsReduced();
    void groupScheduleWorked();
    void groupScheduleTail();
    void workedExample();
    void packRoundTrip_data();
    void packRoundTrip();
    void straddlingCodes();
    void readerRejectsBadTensors();
    void bulkHalfRounding();
    void backendUpperFactor();
    void gramMatchesNaive();
    void hessianAveragingAndPerm();
    void dampingPath_data();
    void dampingPath();
    void gptqSharedHessianAndSelfCheck();
    void gptqBeatsRtnOnStories_data();
    void gptqBeatsRtnOnStories();
    void headRule();
    void safetensorsRoundTrip();
};

void TestQuant::qparamsTableBpw_data()
{
    QTest::addColumn<int>("table"); // 0 attention, 1 MLP
    QTest::addColumn<int>("row");
    QTest::addColumn<double>("bpw");
    const double attn[] = {2.1330, 2.2150, 2.4259, 2.6720, 3.1642, 3.1681, 4.0392, 4.0470, 4.0862, 4.1332,
                           4.1681, 4.1936, 4.4025, 4.4594, 5.3829, 5.4594, 6.0392, 6.6332, 8.0392};
    const double mlp[] = {2.2475, 2.3256, 2.5969, 2.9128, 3.2846, 3.3681, 3.6204, 4.1386, 4.1995,
                          4.2672, 4.3506, 5.2498, 5.3332, 6.0724, 6.3033, 6.8692, 8.0358};
    for (int i = 0; i < 19; ++i)
        QTest::addRow("attn-%d", i) << 0 << i << attn[i];
    for (int i = 0; i < 17; ++i)
        QTest::addRow("mlp-%d", i) << 1 << i << mlp[i];
}

// The spec's combined bpw column for Llama-2-7B shapes (§7.1).
void TestQuant::qparamsTableBpw()
{
    QFETCH(int, table);
    QFETCH(int, row);
    QFETCH(double, bpw);
    QCOMPARE(qparamsAttn().size(), size_t(19));
    QCOMPARE(qparamsMlp().size(), static_cast<size_t>(17));
    const QParamsRow& r = table == 0 ? qparamsAttn()[row] : qparamsMlp()[row];
    int64_t bits = 0, elements = 0;
    for (size_t c = 0; c < r.size(); ++c) {
        const int64_t k = table == 1 && c == 2 ? 11008 : 4096;
        const int64_t n = table == 0 ? 4096 : (c == 2 ? 4096 : 11008);
        bits += r[c].totalBits(k, n);
        elements += k * n;
    }
    QVERIFY2(std::abs(double(bits) / double(elements) - bpw) < 5e-5,
             qPrintable(QString("computed %1, spec %2").arg(double(bits) / double(elements), 0, 'f', 6).arg(bpw)));
}

void TestQuant::qparamsStatedNumbers()
{
    int64_t row18 = 0;
    for (const QParams& q : qparamsAttn()[18])
        row18 += q.totalBits(4096, 4096);
    QCOMPARE(row18, int64_t(539498496));
    const QParams example(64, {3, 2}, {0.05, 0.95});
    QCOMPARE(example.totalBits(4096, 4096), int64_t(35785728));
    QVERIFY(std::abs(example.bpw(4096, 4096) - 2.1330) < 5e-5);
    const std::map<int, double> head = {{2, 2.7354}, {3, 3.2823}, {4, 4.4385}, {5, 5.1885}, {6, 6.3448}, {8, 8.0323}};
    for (const auto& [hb, bpw] : head)
        QVERIFY2(std::abs(qparamsHead(hb).bpw(4096, 32000) - bpw) < 5e-5, qPrintable(QString::number(hb)));
    QVERIFY_THROWS_EXCEPTION(Error, qparamsHead(7));
    // Bias quirk: 16 bits per entry of the bias's last dimension.
    QCOMPARE(example.totalBits(4096, 4096, 4096) - example.totalBits(4096, 4096), int64_t(16 * 4096));
}

void TestQuant::qparamsDescAndJson()
{
    const QParams down = qparamsMlp()[0][2];
    QCOMPARE(down.desc(), std::string("0.05:6b_32g/0.2:3b_64g/0.75:2b_64g s4"));
    QCOMPARE(down.fileDesc(), std::string("0.05___6b_32g__0.2___3b_64g__0.75___2b_64g s4"));
    QCOMPARE(qparamsAttn()[6][0].desc(), std::string("1:4b_128g s4"));
    QCOMPARE(qparamsHead(8).desc(), std::string("1.0:8b_128g s4"));
    QCOMPARE(qparamsHead(6).desc(), std::string("0.15:8b_128g/0.85:6b_128g s4"));
    QCOMPARE(down.toJson().dump(),
             std::string(R"({"group_size":{"6":32,"3":64,"2":64},"bits":[6,3,2],"bits_prop":[0.05,0.2,0.75],"scale_bits":4})"));
    for (const auto* table : {&qparamsAttn(), &qparamsMlp()})
        for (const QParamsRow& row : *table)
            for (const QParams& q : row) {
                const QParams back = QParams::fromJson(nlohmann::ordered_json::parse(q.toJson().dump()), "round trip");
                QCOMPARE(back, q);
                QCOMPARE(back.desc(), q.desc());
            }
    for (int hb : qparamsHeadKeys())
        QCOMPARE(QParams::fromJson(qparamsHead(hb).toJson(), "head").desc(), qparamsHead(hb).desc());
}

void TestQuant::qparamsRejectsBadJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("bits-not-list") << R"({"group_size":{"4":128},"bits":4,"bits_prop":[1],"scale_bits":4})" << "bits";
    QTest::newRow("prop-sum") << R"({"group_size":{"4":128},"bits":[4],"bits_prop":[0.9],"scale_bits":4})" << "sums to";
    QTest::newRow("width-7") << R"({"group_size":{"7":128},"bits":[7],"bits_prop":[1],"scale_bits":4})" << "bit width 7";
    QTest::newRow("ascending") << R"({"group_size":{"2":64,"4":64},"bits":[2,4],"bits_prop":[0.5,0.5],"scale_bits":4})"
                               << "descending";
    QTest::newRow("group-48") << R"({"group_size":{"4":48},"bits":[4],"bits_prop":[1],"scale_bits":4})" << "multiple of 32";
    QTest::newRow("scale-bits") << R"({"group_size":{"4":128},"bits":[4],"bits_prop":[1],"scale_bits":8})" << "scale_bits";
    QTest::newRow("gs-key") << R"({"group_size":{"four":128},"bits":[4],"bits_prop":[1],"scale_bits":4})" << "group_size";
}

void TestQuant::qparamsRejectsBadJson()
{
    QFETCH(QString, json);
    QFETCH(QString, field);
    try {
        qpFromString(json);
        QFAIL("accepted bad QParams JSON");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Format);
        QVERIFY2(QString(e.what()).contains(field), e.what());
        QVERIFY2(QString(e.what()).contains("test row"), e.what());
    }
}

void TestQuant::qparamsReduced()
{
    const ReducedQParams attn = getQParamsReduced(qparamsAttn());
    QCOMPARE(attn.columns[0].size(), static_cast<size_t>(14));
    QCOMPARE(attn.columns[1].size(), static_cast<size_t>(14));
    QCOMPARE(attn.columns[2].size(), static_cast<size_t>(15));
    QCOMPARE(attn.columns[3].size(), static_cast<size_t>(14));
    const std::vector<std::vector<int>> maps = {
        {0, 0, 0, 0}, {1, 1, 1, 1}, {1, 1, 2, 1}, {1, 1, 2, 2}, {2, 2, 2, 2}, {2, 2, 3, 2}, {3, 3, 4, 3},
        {3, 3, 5, 3}, {4, 4, 6, 4}, {5, 5, 6, 5}, {6, 6, 7, 6}, {7, 7, 8, 7}, {7, 7, 9, 7}, {8, 8, 10, 8},
        {9, 9, 11, 9}, {10, 10, 12, 10}, {11, 11, 11, 11}, {12, 12, 13, 12}, {13, 13, 14, 13}};
    QCOMPARE(attn.rowIndices, maps);
    const ReducedQParams mlp = getQParamsReduced(qparamsMlp());
    QCOMPARE(mlp.columns[0].size(), static_cast<size_t>(13));
    QCOMPARE(mlp.columns[1].size(), static_cast<size_t>(13));
    QCOMPARE(mlp.columns[2].size(), static_cast<size_t>(14));
    const ReducedQParams noGate = getQParamsReduced(qparamsMlp(), true);
    QVERIFY(noGate.columns[0].empty());
    QCOMPARE(noGate.rowIndices[0].size(), static_cast<size_t>(2));
    QCOMPARE(noGate.columns[2].size(), static_cast<size_t>(14));
}

void TestQuant::groupScheduleWorked()
{
    const GroupSchedule s = makeGroupSchedule(qparamsMlp()[0][2], 4096);
    QCOMPARE(s.groups.size(), static_cast<size_t>(68));
    QCOMPARE(s.packedRows, int64_t(310));
    QCOMPARE(s.groups[6].bits, 6);
    QCOMPARE(s.groups[6].packedRow, int64_t(36));
    QCOMPARE(s.groups[7].bits, 3);
    QCOMPARE(s.groups[7].packedRow, int64_t(42));
    QCOMPARE(s.groups[19].packedRow, int64_t(114));
    QCOMPARE(s.groups[20].bits, 2);
    QCOMPARE(s.groups[20].packedRow, int64_t(120));
    QCOMPARE(s.groups.back().packedRow, int64_t(308));
    QCOMPARE(s.groups.back().rows, int64_t(32));
    const GroupSchedule big = makeGroupSchedule(QParams({32, 128, 128}, {8, 4, 3}, {0.05, 0.1, 0.85}), 11008);
    QCOMPARE(big.groups.size(), static_cast<size_t>(100));
    QCOMPARE(std::count_if(big.groups.begin(), big.groups.end(), [](const QuantGroup& g) { return g.bits == 8; }), 18);
    QCOMPARE(std::count_if(big.groups.begin(), big.groups.end(), [](const QuantGroup& g) { return g.bits == 4; }), 9);
    QCOMPARE(big.groups.back().rows, int64_t(64));
    QVERIFY_THROWS_EXCEPTION(Error, makeGroupSchedule(QParams(32, {4}, {1.0}), 0));
}

// K = 172 (stories260k down_proj): only the last group is short; its packed rows cover whole units.
void TestQuant::groupScheduleTail()
{
    const GroupSchedule s = makeGroupSchedule(qparamsMlp()[0][2], 172);
    int64_t rows = 0;
    for (size_t g = 0; g < s.groups.size(); ++g) {
        const QuantGroup& q = s.groups[g];
        QCOMPARE(q.firstRow, rows);
        QCOMPARE((q.packedRows * 32) % q.bits, int64_t(0));
        if (g + 1 < s.groups.size())
            QCOMPARE(q.rows * q.bits % 32, int64_t(0));
        rows += q.rows;
    }
    QCOMPARE(rows, int64_t(172));
    QCOMPARE(s.groups.back().bits, 2);
    QCOMPARE(s.groups.back().rows, int64_t(12)); // 172 − 32 − 64 − 64
    QCOMPARE(s.groups.back().packedRows, int64_t(1)); // padded to one 16-row unit
    const GroupSchedule three = makeGroupSchedule(QParams(32, {3}, {1.0}), 172);
    QCOMPARE(three.groups.back().rows, int64_t(12));
    QCOMPARE(three.groups.back().packedRows, int64_t(3));
}

// §4, value for value.
void TestQuant::workedExample()
{
    const int64_t k = 64, n = 32;
    std::vector<float> weight(static_cast<size_t>(n * k));
    for (int64_t i = 0; i < k; ++i)
        for (int64_t c = 0; c < n; ++c)
            weight[c * k + i] = 0.01f * float(((5 * i + 3 * c) % 17) - 8) * float(1 + c % 4);
    PreparedHessian h;
    h.layerName = "worked";
    h.k = k;
    for (int64_t s = 0; s < k; ++s)
        h.perm.push_back(int32_t((5 * s) % 64));
    h.invperm.resize(static_cast<size_t>(k));
    for (int64_t s = 0; s < k; ++s)
        h.invperm[h.perm[s]] = int32_t(s);
    QuantizeOptions opt;
    opt.roundToNearest = true;
    opt.halfWeights = false; // the spec's example quantizes the float32 weights
    CpuBackend cpu;
    const QuantizedLinear q = quantizeLinear(cpu, weight.data(), n, k, nullptr, h, QParams(32, {4, 3}, {0.5, 0.5}), opt);

    const auto invperm = tensorValues<int32_t>(q.packed, "q_invperm");
    for (int64_t i = 0; i < k; ++i)
        QCOMPARE(invperm[i], int32_t((13 * i) % 64));
    QCOMPARE(tensorValues<int16_t>(q.packed, "q_groups"), (std::vector<int16_t>{4, 0, 3, 4}));
    QCOMPARE(q.packed.at("q_weight", "t").shape, (std::vector<int64_t>{7, 32}));
    QCOMPARE(q.gridIndex, (std::vector<int>{54, 75}));
    QCOMPARE(tensorValues<uint16_t>(q.packed, "q_scale_max"), (std::vector<uint16_t>{0x295C, 0x2E62}));
    const auto qscale = tensorValues<uint32_t>(q.packed, "q_scale");
    for (int j = 0; j < 4; ++j)
        QCOMPARE(qscale[j], 0xFDA7FDA7u);
    QCOMPARE(qscale[4] & 0xF, 7u); // group 1, column 0: n = 8
    const auto qweight = tensorValues<uint32_t>(q.packed, "q_weight");
    const uint32_t column0[] = {0x5E6F7F80, 0x4D5B3C4D, 0x091A2B3C, 0xF8091AF8, 0xF3EB3CFC, 0xA86AAB2C, 0x7E7861AA};
    for (int r = 0; r < 7; ++r)
        QCOMPARE(qweight[r * 32], column0[r]);
    // Dequantized values named in §4 (HF layout [c][i]).
    QCOMPARE(q.dequantized[0 * k + 0], -0.083740234f);
    QCOMPARE(q.dequantized[0 * k + 10], 0.0732421875f);
    QCOMPARE(q.dequantized[0 * k + 15], -0.010467529f);
    QCOMPARE(q.dequantized[0 * k + 18], -0.024932861f);
    QCOMPARE(q.selfCheckMaxDiff, 0.0);
    const DequantizedExl2 back = dequantizeExl2(q.packed, "worked");
    QCOMPARE(back.k, k);
    QCOMPARE(back.weight[0 * k + 18], -0.024932861f);
}

void TestQuant::packRoundTrip_data()
{
    QTest::addColumn<QString>("qparams");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("bias");
    for (int b : {2, 3, 4, 5, 6, 8})
        QTest::addRow("%d-bit", b) << QString(R"({"group_size":{"%1":64},"bits":[%1],"bits_prop":[1],"scale_bits":4})").arg(b)
                                   << 256 << 64 << false;
    QTest::newRow("all-widths") << R"({"group_size":{"8":32,"6":32,"5":64,"4":32,"3":64,"2":32},"bits":[8,6,5,4,3,2],"bits_prop":[0.1,0.1,0.2,0.2,0.2,0.2],"scale_bits":4})"
                                << 512 << 96 << true;
    QTest::newRow("mlp0-down-4096") << R"({"group_size":{"6":32,"3":64,"2":64},"bits":[6,3,2],"bits_prop":[0.05,0.2,0.75],"scale_bits":4})"
                                    << 4096 << 32 << false;
    QTest::newRow("tail-172-mixed") << R"({"group_size":{"6":32,"3":64,"2":64},"bits":[6,3,2],"bits_prop":[0.05,0.2,0.75],"scale_bits":4})"
                                    << 172 << 64 << true;
    for (int b : {2, 3, 4, 5, 6, 8})
        QTest::addRow("tail-36-%d-bit", b)
            << QString(R"({"group_size":{"%1":32},"bits":[%1],"bits_prop":[1],"scale_bits":4})").arg(b) << 36 << 32 << false;
}

// Random codes, scales and permutation → packExl2 → dequantizeExl2, against the §3 formula evaluated here.
void TestQuant::packRoundTrip()
{
    QFETCH(QString, qparams);
    QFETCH(int, k);
    QFETCH(int, n);
    QFETCH(bool, bias);
    const GroupSchedule s = makeGroupSchedule(qpFromString(qparams), k);
    std::mt19937 rng(uint32_t(k * 7 + n));
    Exl2Codes in;
    in.nPadded = n;
    in.codes.resize(static_cast<size_t>(k * n));
    std::vector<int> rowBits(static_cast<size_t>(k));
    for (const QuantGroup& g : s.groups)
        for (int64_t r = 0; r < g.rows; ++r) {
            rowBits[g.firstRow + r] = g.bits;
            for (int c = 0; c < n; ++c)
                in.codes[(g.firstRow + r) * n + c] = uint8_t(rng() % (1u << g.bits));
        }
    for (size_t g = 0; g < s.groups.size(); ++g) {
        in.qscaleMax.push_back(std::uniform_real_distribution<float>(1e-4f, 0.5f)(rng));
        for (int c = 0; c < n; ++c)
            in.qscale.push_back(uint8_t(1 + rng() % 16));
    }
    std::vector<int32_t> perm(static_cast<size_t>(k));
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng);
    in.invperm.resize(static_cast<size_t>(k));
    for (int s2 = 0; s2 < k; ++s2)
        in.invperm[perm[s2]] = s2;
    if (bias)
        for (int c = 0; c < n; ++c)
            in.bias.push_back(roundToHalf(float(c) * 0.01f - 0.3f));
    const Exl2Tensors t = packExl2(s, in);
    QCOMPARE(t.at("q_weight", "t").shape[0], s.packedRows);
    const DequantizedExl2 d = dequantizeExl2(t, "round trip");
    QCOMPARE(d.k, int64_t(k));
    QCOMPARE(d.nPadded, int64_t(n));
    QCOMPARE(d.perm, perm);
    QCOMPARE(d.bias, in.bias);
    int64_t mismatches = 0;
    for (size_t g = 0; g < s.groups.size(); ++g) {
        const QuantGroup& q = s.groups[g];
        const float m = roundToHalf(roundToHalf(in.qscaleMax[g]) / 256.0f);
        for (int64_t r = q.firstRow; r < q.firstRow + q.rows; ++r)
            for (int c = 0; c < n; ++c) {
                const int nn = in.qscale[g * n + c];
                const float scale = roundToHalf(float(nn * nn) * m);
                const float v = roundToHalf(float(int(in.codes[r * n + c]) - (1 << (q.bits - 1))) * scale);
                mismatches += d.weight[int64_t(c) * k + perm[r]] != v;
            }
    }
    QCOMPARE(mismatches, int64_t(0));
}

// §2.4 straddle table: a code of all ones at the straddling index, zeros elsewhere.
void TestQuant::straddlingCodes()
{
    struct Case {
        int bits, index;
        std::vector<uint32_t> words; // expected unit words of column 0
    };
    const std::vector<Case> cases = {
        {3, 10, {0xC0000000u, 0x1u, 0x0u}}, {3, 21, {0x0u, 0x80000000u, 0x3u}},
        {5, 6, {0xC0000000u, 0x7u, 0, 0, 0}}, {5, 12, {0, 0xF0000000u, 0x1u, 0, 0}},
        {5, 19, {0, 0, 0x80000000u, 0xFu, 0}}, {5, 25, {0, 0, 0, 0xE0000000u, 0x3u}},
        {6, 5, {0xC0000000u, 0xFu, 0}}, {6, 10, {0, 0xF0000000u, 0x3u}}};
    for (const Case& c : cases) {
        const int rows = packUnitRows(c.bits);
        const GroupSchedule s = makeGroupSchedule(QParams(32, {c.bits}, {1.0}), rows);
        Exl2Codes in;
        in.nPadded = 32;
        in.codes.assign(static_cast<size_t>(rows * 32), 0);
        in.codes[c.index * 32] = uint8_t((1 << c.bits) - 1);
        in.qscale.assign(32, 1);
        in.qscaleMax = {1.0f};
        in.invperm.resize(static_cast<size_t>(rows));
        std::iota(in.invperm.begin(), in.invperm.end(), 0);
        const auto w = tensorValues<uint32_t>(packExl2(s, in), "q_weight");
        for (size_t t = 0; t < c.words.size(); ++t)
            QVERIFY2(w[t * 32] == c.words[t], qPrintable(QString("%1-bit index %2 word %3: %4")
                                                              .arg(c.bits).arg(c.index).arg(t).arg(w[t * 32], 8, 16)));
    }
    // Tail padding: K = 36 at 4 bits leaves 4 unused slots in the last 8-row unit; they hold code 8.
    const GroupSchedule tail = makeGroupSchedule(QParams(32, {4}, {1.0}), 36);
    Exl2Codes in;
    in.nPadded = 32;
    in.codes.assign(36 * 32, 0);
    in.qscale.assign(64, 1);
    in.qscaleMax = {1.0f, 1.0f};
    in.invperm.resize(36);
    std::iota(in.invperm.begin(), in.invperm.end(), 0);
    const auto w = tensorValues<uint32_t>(packExl2(tail, in), "q_weight");
    QCOMPARE(w.size(), static_cast<size_t>(5 * 32));
    QCOMPARE(w[4 * 32], 0x88880000u);
}

void TestQuant::readerRejectsBadTensors()
{
    const GroupSchedule s = makeGroupSchedule(QParams(32, {4, 3}, {0.5, 0.5}), 64);
    Exl2Codes in;
    in.nPadded = 32;
    in.codes.assign(64 * 32, 3);
    in.qscale.assign(64, 4);
    in.qscaleMax = {0.5f, 0.25f};
    in.invperm.resize(64);
    std::iota(in.invperm.begin(), in.invperm.end(), 0);
    const Exl2Tensors good = packExl2(s, in);
    QCOMPARE(dequantizeExl2(good, "ok").k, int64_t(64));

    auto expectFormat = [](const Exl2Tensors& t, const QString& needle) {
        try {
            dequantizeExl2(t, "model.layers.0.mlp.up_proj");
            QFAIL("reader accepted bad tensors");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(needle) && QString(e.what()).contains("up_proj"), e.what());
        }
    };
    Exl2Tensor groups = good.at("q_groups", "t");
    std::vector<int16_t> g = {3, 0, 4, 3};
    std::memcpy(groups.bytes.data(), g.data(), 8);
    expectFormat(withTensor(good, groups), "q_groups");
    Exl2Tensor inv = good.at("q_invperm", "t");
    inv.bytes[4] = 0; // entry 1 becomes 0: a duplicate
    expectFormat(withTensor(good, inv), "q_invperm");
    Exl2Tensor shortInv = good.at("q_invperm", "t");
    shortInv.shape = {30}; // (60 would be a valid padded 3-bit tail, see docs/quantization.md)
    shortInv.bytes.resize(120);
    expectFormat(withTensor(good, shortInv), "q_invperm");
    Exl2Tensor wrongType = good.at("q_scale_max", "t");
    wrongType.dtype = DType::F32;
    expectFormat(withTensor(good, wrongType), "q_scale_max");
    Exl2Tensor scale = good.at("q_scale", "t");
    scale.shape = {2, 2};
    scale.bytes.resize(16);
    expectFormat(withTensor(good, scale), "q_scale");
    Exl2Tensors missing = good;
    missing.tensors.erase(missing.tensors.begin());
    QVERIFY_THROWS_EXCEPTION(Error, dequantizeExl2(missing, "x"));
}

void TestQuant::bulkHalfRounding()
{
    std::mt19937 rng(7);
    std::vector<float> v;
    for (int i = 0; i < 20000; ++i) {
        const float mag = std::ldexp(1.0f, int(rng() % 40) - 30);
        v.push_back(std::uniform_real_distribution<float>(-mag, mag)(rng));
    }
    v.push_back(65520.0f);
    v.push_back(1.00048828125f);
    std::vector<float> bulk = v;
    roundToHalfInPlace(bulk.data(), int64_t(bulk.size()));
    for (size_t i = 0; i < v.size(); ++i)
        QCOMPARE(bulk[i], roundToHalf(v[i]));
}

void TestQuant::backendUpperFactor()
{
    const int64_t n = 96;
    std::mt19937 rng(3);
    std::normal_distribution<float> normal;
    std::vector<float> x(static_cast<size_t>(200 * n));
    for (auto& v : x)
        v = normal(rng);
    std::vector<float> h(static_cast<size_t>(n * n), 0.0f);
    CpuBackend cpu;
    cpu.accumulateGram(x.data(), 200, n, h.data());
    std::vector<float> u = h;
    QVERIFY(cpu.upperCholeskyOfInverse(u.data(), n));
    // Uᵀ·U·H = I and U is upper triangular with a positive diagonal.
    std::vector<float> utu(static_cast<size_t>(n * n)), prod(static_cast<size_t>(n * n));
    cpu.gemm(true, false, n, n, n, 1.0f, u.data(), u.data(), 0.0f, utu.data());
    cpu.gemm(false, false, n, n, n, 1.0f, utu.data(), h.data(), 0.0f, prod.data());
    double worst = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        QVERIFY(u[i * n + i] > 0.0f);
        for (int64_t j = 0; j < n; ++j) {
            worst = std::max(worst, std::abs(double(prod[i * n + j]) - (i == j ? 1.0 : 0.0)));
            if (j < i)
                QCOMPARE(u[i * n + j], 0.0f);
        }
    }
    QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
    std::vector<float> bad(static_cast<size_t>(n * n), 0.0f);
    bad[0] = -1.0f;
    QVERIFY(!cpu.upperCholeskyOfInverse(bad.data(), n));
}

// accumulateGram mirrors its upper triangle in tiles; 150 spans partial tiles on both axes.
void TestQuant::gramMatchesNaive()
{
    const int64_t n = 150, rows = 40;
    std::vector<float> x(static_cast<size_t>(rows * n)), h(static_cast<size_t>(n * n), 1.0f);
    for (int64_t i = 0; i < rows * n; ++i)
        x[i] = float((i * 7919) % 101) / 50.0f - 1.0f;
    CpuBackend cpu;
    cpu.accumulateGram(x.data(), rows, n, h.data());
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            double ref = 1.0;
            for (int64_t r = 0; r < rows; ++r)
                ref += double(x[r * n + i]) * x[r * n + j];
            QVERIFY2(std::abs(h[i * n + j] - ref) < 1e-3, qPrintable(QString("(%1, %2)").arg(i).arg(j)));
        }
}

void TestQuant::hessianAveragingAndPerm()
{
    CpuBackend cpu;
    const int64_t k = 8;
    HessianAccumulator acc(k);
    const std::vector<float> empty = acc.averaged();
    for (int64_t i = 0; i < k; ++i)
        QCOMPARE(empty[i * k + i], 1.0f);
    std::vector<float> x1(3 * k), x2(5 * k);
    for (size_t i = 0; i < x1.size(); ++i)
        x1[i] = float(i % 5) * float(1 + i % k) * 0.1f;
    for (size_t i = 0; i < x2.size(); ++i)
        x2[i] = float((i * 3) % 7) * 0.2f - 0.5f;
    acc.addBatch(cpu, x1.data(), 3);
    acc.addBatch(cpu, x2.data(), 5);
    QCOMPARE(acc.batches(), int64_t(2));
    const std::vector<float> h = acc.averaged();
    for (int64_t i = 0; i < k; ++i)
        for (int64_t j = 0; j < k; ++j) {
            double ref = 0.0;
            for (int r = 0; r < 3; ++r)
                ref += double(x1[r * k + i]) * x1[r * k + j];
            for (int r = 0; r < 5; ++r)
                ref += double(x2[r * k + i]) * x2[r * k + j];
            QVERIFY(std::abs(h[i * k + j] - ref / 2.0) < 1e-4);
        }
    const PreparedHessian p = prepareHessian(cpu, h, k, "layer", {});
    for (int64_t s = 1; s < k; ++s)
        QVERIFY(h[p.perm[s - 1] * k + p.perm[s - 1]] >= h[p.perm[s] * k + p.perm[s]]);
    for (int64_t i = 0; i < k; ++i)
        QCOMPARE(p.perm[p.invperm[i]], int32_t(i));
    QVERIFY(p.hasFactor);
    QCOMPARE(p.dampingAttempts, 1);
}

void TestQuant::dampingPath_data()
{
    QTest::addColumn<double>("negative"); // the negative eigenvalue of a 2×2 block [[1, 1+ν], [1+ν, 1]]
    QTest::addColumn<bool>("nan");
    QTest::addColumn<int>("messages");
    QTest::addColumn<bool>("succeeds");
    // mean diag = 1 → damp 0.12 per attempt: −ν + 0.12·t > 0 first at t = ceil(ν/0.12 + tiny).
    QTest::newRow("recovers-after-8") << 1.0 << false << 8 << true;
    QTest::newRow("never") << 1.5 << false << 10 << false;
    QTest::newRow("nan") << 0.0 << true << 10 << false;
}

void TestQuant::dampingPath()
{
    QFETCH(double, negative);
    QFETCH(bool, nan);
    QFETCH(int, messages);
    QFETCH(bool, succeeds);
    const int64_t k = 32;
    std::vector<float> h(static_cast<size_t>(k * k), 0.0f);
    for (int64_t i = 0; i < k; ++i)
        h[i * k + i] = 1.0f;
    h[0 * k + 1] = h[1 * k + 0] = float(1.0 + negative); // eigenvalues 2+ν and −ν
    if (nan)
        h[5 * k + 7] = h[7 * k + 5] = NAN;
    CpuBackend cpu;
    std::vector<std::string> log;
    try {
        const PreparedHessian p =
            prepareHessian(cpu, h, k, "model.layers.3.mlp.down_proj", [&](const std::string& m) { log.push_back(m); });
        QVERIFY(succeeds);
        QCOMPARE(p.dampingAttempts, messages + 1);
    } catch (const Error& e) {
        QVERIFY2(!succeeds, e.what());
        QCOMPARE(e.code(), ErrorCode::Numerical);
        QVERIFY(QString(e.what()).contains("Hessian is not invertible"));
        QVERIFY(QString(e.what()).contains("model.layers.3.mlp.down_proj"));
    }
    QCOMPARE(int(log.size()), messages);
    for (const std::string& m : log)
        QVERIFY(QString::fromStdString(m).contains("Applied additional damping"));
}

// q/k/v share one PreparedHessian (§6.4); several options reuse it unchanged; packed tensors rebuild the
// GPTQ result exactly (§6.6 diff1 = 0), bias included.
void TestQuant::gptqSharedHessianAndSelfCheck()
{
    CpuBackend cpu;
    const int64_t k = 128, rows = 512;
    const std::vector<float> x = quanttest::correlatedActivations(rows, k, 11);
    HessianAccumulator acc(k);
    for (int64_t r = 0; r < rows; r += 64)
        acc.addBatch(cpu, x.data() + r * k, 64);
    const PreparedHessian p = prepareHessian(cpu, acc.averaged(), k, "attn", {});
    const std::vector<float> uBefore = p.u;
    std::vector<float> scratch(7, 3.0f); // a caller-kept buffer of the wrong size is resized and reused
    QCOMPARE(prepareHessian(cpu, acc.averaged(), k, "attn", {}, true, &scratch).u, p.u);
    QCOMPARE(scratch.size(), static_cast<size_t>(k * k));
    std::mt19937 rng(5);
    std::normal_distribution<float> normal(0.0f, 0.05f);
    GptqWorkspace ws;
    for (int64_t n : {96, 40, 128}) { // 40: columns padded to 64
        std::vector<float> w(static_cast<size_t>(n * k)), bias(static_cast<size_t>(n));
        for (auto& v : w)
            v = normal(rng);
        for (auto& v : bias)
            v = normal(rng);
        for (const QParams& qp : {qparamsAttn()[4][0], qparamsAttn()[17][2], qparamsAttn()[0][0]}) {
            const QuantizedLinear q = quantizeLinear(cpu, w.data(), n, k, bias.data(), p, qp, {}, &ws);
            QCOMPARE(q.selfCheckMaxDiff, 0.0);
            QCOMPARE(tensorValues<int32_t>(q.packed, "q_invperm"), p.invperm);
            QCOMPARE(q.packed.at("bias", "t").shape, (std::vector<int64_t>{(n + 31) / 32 * 32}));
            const DequantizedExl2 d = dequantizeExl2(q.packed, "attn");
            for (int64_t c = 0; c < n; ++c) {
                QCOMPARE(d.bias[c], roundToHalf(bias[c]));
                QVERIFY(std::equal(q.dequantized.begin() + c * k, q.dequantized.begin() + (c + 1) * k,
                                   d.weight.begin() + c * k));
            }
            QVERIFY(q.bpw > 2.0 && q.bpw < 9.5);
        }
    }
    QCOMPARE(p.u, uBefore);
    // Bad input: a non-finite weight is named, not quantized.
    std::vector<float> w(static_cast<size_t>(32 * k), 0.01f);
    w[5] = INFINITY;
    QVERIFY_THROWS_EXCEPTION(Error, quantizeLinear(cpu, w.data(), 32, k, nullptr, p, qparamsAttn()[6][0]));
    QVERIFY_THROWS_EXCEPTION(Error, quantizeLinear(cpu, w.data(), 32, 64, nullptr, p, qparamsAttn()[6][0]));
}

void TestQuant::gptqBeatsRtnOnStories_data()
{
    QTest::addColumn<QString>("layer");
    QTest::newRow("q_proj") << "model.layers.0.self_attn.q_proj";
    QTest::newRow("o_proj") << "model.layers.2.self_attn.o_proj";
    QTest::newRow("up_proj") << "model.layers.1.mlp.up_proj";
    QTest::newRow("down_proj-K172") << "model.layers.4.mlp.down_proj";
}

// Real stories260k weights and real layer inputs (the model's own sampled text through core/forward):
// GPTQ's output error on held-out rows is clearly below RTN's at equal bits, and falls as bits rise.
void TestQuant::gptqBeatsRtnOnStories()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, layer);
    const std::string key = layer.toStdString();
    const auto dir = exl2test::sharedDir() / "models" / "stories260k";
    static std::map<std::string, quanttest::LayerInputs> inputs; // one forward pass for every row
    if (inputs.empty())
        inputs = quanttest::storiesLayerInputs(dir,
                                               {"model.layers.0.self_attn.q_proj", "model.layers.2.self_attn.o_proj",
                                                "model.layers.1.mlp.up_proj", "model.layers.4.mlp.down_proj"},
                                               24, 32, 2026);
    const quanttest::LayerInputs& in = inputs.at(key);
    const quanttest::F32Tensor w = quanttest::readF32Tensor(dir / "model.safetensors", key + ".weight");
    const int64_t n = w.shape[0], k = w.shape[1];
    QCOMPARE(in.features, k);
    const int64_t calibrationRows = 16; // rows 16..23 are held out for the error measure
    CpuBackend cpu;
    HessianAccumulator acc(k);
    for (int64_t r = 0; r < calibrationRows; ++r)
        acc.addBatch(cpu, in.x.data() + r * in.length * k, in.length);
    const std::vector<float> h = acc.averaged();
    const PreparedHessian p = prepareHessian(cpu, h, k, key, {});
    const PreparedHessian order = prepareHessian(cpu, h, k, key, {}, false);
    QCOMPARE(order.perm, p.perm);
    QVERIFY(!order.hasFactor);
    const int64_t testTokens = (in.rows - calibrationRows) * in.length;
    const std::vector<float> test(in.x.begin() + calibrationRows * in.length * k, in.x.end());
    // The reference for the error is the fp16-rounded weight (what both quantizers start from).
    std::vector<float> w16 = w.data;
    roundToHalfInPlace(w16.data(), int64_t(w16.size()));
    double previous = 1e9;
    QuantizeOptions rtn;
    rtn.roundToNearest = true;
    for (int bits : {2, 3, 4, 5, 6, 8}) {
        const QParams qp(32, {bits}, {1.0});
        const QuantizedLinear g = quantizeLinear(cpu, w.data.data(), n, k, nullptr, p, qp);
        const QuantizedLinear r = quantizeLinear(cpu, w.data.data(), n, k, nullptr, order, qp, rtn);
        QCOMPARE(g.selfCheckMaxDiff, 0.0);
        QCOMPARE(r.selfCheckMaxDiff, 0.0);
        const double eg = quanttest::relativeOutputError(test, testTokens, w16.data(), g.dequantized.data(), n, k);
        const double er = quanttest::relativeOutputError(test, testTokens, w16.data(), r.dequantized.data(), n, k);
        qInfo("%s %d-bit: GPTQ %.5f  RTN %.5f  (ratio %.3f)", qPrintable(layer), bits, eg, er, eg / er);
        QVERIFY2(eg < 0.9 * er, qPrintable(QString("GPTQ %1 vs RTN %2").arg(eg).arg(er)));
        QVERIFY2(eg < previous, qPrintable(QString("%1 bits: %2 not below %3").arg(bits).arg(eg).arg(previous)));
        previous = eg;
    }
}

void TestQuant::headRule()
{
    QVERIFY(headUsesRoundToNearest("lm_head", 8192, 152064));
    QVERIFY(!headUsesRoundToNearest("lm_head", 4096, 32000));
    QVERIFY(!headUsesRoundToNearest("model.lm_head", 8192, 152064));
}

// Through the project's safetensors writer and reader: same tensors, same weights, clear error when missing.
void TestQuant::safetensorsRoundTrip()
{
    CpuBackend cpu;
    const int64_t k = 96, n = 50;
    std::vector<float> w(static_cast<size_t>(n * k)), bias(static_cast<size_t>(n));
    for (int64_t i = 0; i < n * k; ++i)
        w[i] = 0.01f * float((i * 37) % 23 - 11);
    for (int64_t c = 0; c < n; ++c)
        bias[c] = 0.1f * float(c % 5);
    HessianAccumulator acc(k);
    const std::vector<float> x = quanttest::correlatedActivations(128, k, 2);
    acc.addBatch(cpu, x.data(), 128);
    const PreparedHessian p = prepareHessian(cpu, acc.averaged(), k, "model.layers.0.mlp.up_proj", {});
    const QuantizedLinear q = quantizeLinear(cpu, w.data(), n, k, bias.data(), p, qparamsMlp()[2][1]);
    SafetensorsWriter writer;
    addExl2Tensors(writer, "model.layers.0.mlp.up_proj", q.packed);
    const auto file = exl2test::scratchDir("quant-safetensors") / "layer.safetensors";
    writer.write(file);
    const SafetensorsReader reader = SafetensorsReader::open(file);
    QVERIFY(hasExl2Tensors(reader, "model.layers.0.mlp.up_proj"));
    QVERIFY(!hasExl2Tensors(reader, "model.layers.0.mlp.down_proj"));
    QCOMPARE(reader.info("model.layers.0.mlp.up_proj.q_scale_max").dtype, DType::F16);
    QCOMPARE(reader.info("model.layers.0.mlp.up_proj.q_groups").dtype, DType::I16);
    const DequantizedExl2 d = dequantizeExl2(reader, "model.layers.0.mlp.up_proj");
    QCOMPARE(d.nPadded, int64_t(64));
    for (int64_t c = 0; c < n; ++c)
        for (int64_t i = 0; i < k; ++i)
            QCOMPARE(d.weight[c * k + i], q.dequantized[c * k + i]);
    try {
        readExl2Tensors(reader, "model.layers.0.mlp.down_proj");
        QFAIL("missing layer accepted");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Model);
        QVERIFY(QString(e.what()).contains("model.layers.0.mlp.down_proj.q_weight"));
    }
}

QTEST_GUILESS_MAIN(TestQuant)
#include "test_quant.moc"
