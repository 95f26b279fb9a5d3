// The DEB packages end to end: cpack builds them from this build tree, dpkg-deb extracts them into a
// temporary root, and the programs run from there — no build-tree paths (RUNPATH, plugin folder) are
// used. Skipped without dpkg-deb, or before exl2-studio, exl2-convert and exl2-tool are built.
#include "test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace {

const QString kAppId = QStringLiteral("io.github.exl2studio.Exl2Studio");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs a program with EXL2_PLUGIN_DIR removed, so only the program's own location can find the plugin.
Run runTool(const QString& program, const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EXL2_PLUGIN_DIR"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("%1 did not finish within %2 s").arg(program).arg(timeoutMs / 1000)};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString describe(const QString& what, const Run& r)
{
    return QStringLiteral("%1 exited with %2\nstdout: %3\nstderr: %4").arg(what).arg(r.exitCode).arg(r.out.right(2000), r.err.right(2000));
}

}  // namespace

class TestDeb : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void packagesHaveTheirDependencies();
    void mainPackageHoldsDesktopIntegration();
    void programsUseNoBuildTreePaths();
    void programsRunFromExtractedTree();
    void pluginIsFoundBesideTheExtractedPrograms();
    void tinyConversionFromExtractedTree();

private:
    QString m_dpkgDeb;
    QString m_mainDeb, m_cudaDeb;
    QString m_root;  // the extracted main package (and the CUDA package, in its test)
    QString bin(const char* name) const { return m_root + QStringLiteral("/usr/bin/") + QLatin1String(name); }
};

void TestDeb::initTestCase()
{
    m_dpkgDeb = QStandardPaths::findExecutable(QStringLiteral("dpkg-deb"));
    if (m_dpkgDeb.isEmpty())
        QSKIP("dpkg-deb is not installed: the DEB packages are not checked");
    for (const char* program : {EXL2_STUDIO_BIN, EXL2_CONVERT_BIN, EXL2_TOOL_BIN})
        if (!QFile::exists(QLatin1String(program)))
            QSKIP(qPrintable(QStringLiteral("%1 is not built: build it before packaging").arg(program)));
    if (!QString::fromLatin1(EXL2_CUDA_PLUGIN).isEmpty() && !QFile::exists(QStringLiteral(EXL2_CUDA_PLUGIN)))
        QSKIP("the CUDA plugin is configured but not built (ninja exl2cuda): cpack would fail");

    const auto scratch = exl2test::scratchDir("deb");
    const QString packages = QString::fromStdString((scratch / "packages").string());
    const Run cpack = runTool(QStringLiteral(EXL2_CPACK),
                              {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                               QStringLiteral(EXL2_BINARY_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), packages},
                              480000);
    QVERIFY2(cpack.exitCode == 0, qPrintable(describe(QStringLiteral("cpack"), cpack)));
    for (const QString& f : QDir(packages).entryList({QStringLiteral("*.deb")}, QDir::Files)) {
        if (f.startsWith(QLatin1String("exl2-studio-cuda_")))
            m_cudaDeb = packages + QLatin1Char('/') + f;
        else if (f.startsWith(QLatin1String("exl2-studio_")))
            m_mainDeb = packages + QLatin1Char('/') + f;
    }
    QVERIFY2(!m_mainDeb.isEmpty(), qPrintable("no exl2-studio_*.deb in " + packages));

    m_root = QString::fromStdString((scratch / "root").string());
    const Run x = runTool(m_dpkgDeb, {QStringLiteral("-x"), m_mainDeb, m_root});
    QVERIFY2(x.exitCode == 0, qPrintable(describe(QStringLiteral("dpkg-deb -x"), x)));
}

void TestDeb::packagesHaveTheirDependencies()
{
    const Run main = runTool(m_dpkgDeb, {QStringLiteral("-f"), m_mainDeb, QStringLiteral("Package"), QStringLiteral("Depends"),
                                          QStringLiteral("Recommends")});
    QCOMPARE(main.exitCode, 0);
    QVERIFY2(main.out.contains(QLatin1String("Package: exl2-studio\n")), qPrintable(main.out));
    QVERIFY2(main.out.contains(QLatin1String("libqt6widgets6")), qPrintable(main.out));  // found by dpkg-shlibdeps
    QVERIFY2(main.out.contains(QLatin1String("qt6-qpa-plugins")), qPrintable(main.out));  // dlopened: named by hand
    QVERIFY2(main.out.contains(QLatin1String("Recommends: qt6-translations-l10n")), qPrintable(main.out));
    QVERIFY2(!main.out.contains(QLatin1String("cuda"), Qt::CaseInsensitive), qPrintable("the main package must not need CUDA: " + main.out));
    if (m_cudaDeb.isEmpty())
        QSKIP("no CUDA plugin in this build: only the main package was made");
    const Run cuda = runTool(m_dpkgDeb, {QStringLiteral("-f"), m_cudaDeb, QStringLiteral("Depends")});
    QCOMPARE(cuda.exitCode, 0);
    QVERIFY2(cuda.out.contains(QLatin1String("exl2-studio (=")), qPrintable(cuda.out));
    QVERIFY2(cuda.out.contains(QLatin1String("libcublas")), qPrintable(cuda.out));
}

void TestDeb::mainPackageHoldsDesktopIntegration()
{
    QStringList expected{QStringLiteral("usr/bin/exl2-studio"), QStringLiteral("usr/bin/exl2-convert"),
                         QStringLiteral("usr/bin/exl2-tool"),
                         QStringLiteral("usr/share/applications/%1.desktop").arg(kAppId),
                         QStringLiteral("usr/share/metainfo/%1.metainfo.xml").arg(kAppId),
                         QStringLiteral("usr/share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId)};
    for (const QString& size : QStringLiteral(EXL2_ICON_SIZES).split(QLatin1Char(',')))
        expected << QStringLiteral("usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size, kAppId);
    for (const QString& path : expected)
        QVERIFY2(QFile::exists(m_root + QLatin1Char('/') + path), qPrintable(path + " is not in " + m_mainDeb));
    QVERIFY2(!QDir(m_root + QStringLiteral("/usr/lib/exl2-studio")).exists(), "the CUDA plugin belongs in exl2-studio-cuda");
}

void TestDeb::programsUseNoBuildTreePaths()
{
    const QString readelf = QStandardPaths::findExecutable(QStringLiteral("readelf"));
    if (readelf.isEmpty())
        QSKIP("readelf is not installed: RUNPATH not inspected");
    for (const char* name : {"exl2-studio", "exl2-convert", "exl2-tool"}) {
        const Run r = runTool(readelf, {QStringLiteral("-d"), bin(name)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains(QLatin1String(EXL2_BINARY_DIR)) && !r.out.contains(QLatin1String(EXL2_SOURCE_DIR)),
                 qPrintable(QStringLiteral("%1 keeps a build-tree RPATH/RUNPATH:\n%2").arg(name, r.out)));
    }
}

void TestDeb::programsRunFromExtractedTree()
{
    const Run version = runTool(bin("exl2-studio"), {QStringLiteral("--version")});
    QVERIFY2(version.exitCode == 0, qPrintable(describe(QStringLiteral("exl2-studio --version"), version)));
    QVERIFY2((version.out + version.err).contains(QLatin1String(EXL2_VERSION)), qPrintable(version.out + version.err));

    const Run help = runTool(bin("exl2-convert"), {QStringLiteral("--help")});
    QVERIFY2(help.exitCode == 0, qPrintable(describe(QStringLiteral("exl2-convert --help"), help)));
    QVERIFY2(help.out.contains(QLatin1String("--in_dir")), qPrintable(help.out));
}

void TestDeb::pluginIsFoundBesideTheExtractedPrograms()
{
    // Without the CUDA package the registry names the folder it looked in.
    const Run before = runTool(bin("exl2-tool"), {QStringLiteral("devices")});
    QVERIFY2(before.exitCode == 0, qPrintable(describe(QStringLiteral("exl2-tool devices"), before)));
    QVERIFY2(before.out.contains(QLatin1String("cpu\t")), qPrintable(before.out));
    QVERIFY2(before.out.contains(QLatin1String("not installed")), qPrintable(before.out));
    if (m_cudaDeb.isEmpty())
        QSKIP("no CUDA plugin in this build: its lookup from usr/lib/exl2-studio is not checked");
    const Run x = runTool(m_dpkgDeb, {QStringLiteral("-x"), m_cudaDeb, m_root});
    QVERIFY2(x.exitCode == 0, qPrintable(describe(QStringLiteral("dpkg-deb -x (cuda)"), x)));
    QVERIFY(QFile::exists(m_root + QStringLiteral("/usr/lib/exl2-studio/libexl2cuda.so")));
    // Now the plugin is found (it then loads and lists devices, or says why it cannot: no driver here).
    const Run after = runTool(bin("exl2-tool"), {QStringLiteral("devices")});
    QVERIFY2(after.exitCode == 0, qPrintable(describe(QStringLiteral("exl2-tool devices"), after)));
    QVERIFY2(!after.out.contains(QLatin1String("not installed")), qPrintable(after.out));
    QDir(m_root + QStringLiteral("/usr/lib/exl2-studio")).removeRecursively();  // later cases run on the CPU as shipped
}

void TestDeb::tinyConversionFromExtractedTree()
{
    const auto scratch = exl2test::scratchDir("deb-convert");
    const QString model = QString::fromStdString((scratch / "demo-model").string());
    const QString work = QString::fromStdString((scratch / "work").string());
    const QString out = QString::fromStdString((scratch / "exl2").string());
    const Run demo = runTool(bin("exl2-tool"), {QStringLiteral("make-demo-model"), model});
    QVERIFY2(demo.exitCode == 0, qPrintable(describe(QStringLiteral("exl2-tool make-demo-model"), demo)));

    const Run convert = runTool(bin("exl2-convert"),
                                {"-i", model, "-o", work, "-cf", out, "-b", "4.0", "-r", "4", "-mr", "4", "-l", "64",
                                 "-ml", "64", "--device", "cpu", "--seed", "1"},
                                300000);
    QVERIFY2(convert.exitCode == 0, qPrintable(describe(QStringLiteral("exl2-convert"), convert)));
    QVERIFY(QFile::exists(out + QStringLiteral("/config.json")));
    QDirIterator shards(out, {QStringLiteral("*.safetensors")}, QDir::Files);
    QVERIFY2(shards.hasNext(), qPrintable("no .safetensors written to " + out));
    QFile config(out + QStringLiteral("/config.json"));
    QVERIFY(config.open(QIODevice::ReadOnly));
    QVERIFY2(config.readAll().contains("quantization_config"), "config.json lacks quantization_config");
}

QTEST_GUILESS_MAIN(TestDeb)
#include "test_deb.moc"
