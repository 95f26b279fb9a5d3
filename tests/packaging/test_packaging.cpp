// Desktop integration files of packaging/: the AppStream metainfo and the desktop entry pass their
// validators (skipped with a message when appstreamcli or desktop-file-validate is not installed),
// they agree with each other, and the icon set holds every hicolor size at its true pixel size.
#include "test_support.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QXmlStreamReader>

namespace {

const QString kAppId = QStringLiteral("io.github.exl2studio.Exl2Studio");

QString packagingFile(const QString& name) { return QStringLiteral(EXL2_SOURCE_DIR "/packaging/") + name; }

struct Run {
    int exitCode = -1;
    QString output;  // stdout and stderr together
};

Run runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {-1, program + QStringLiteral(" did not finish within 60 s")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

// The values of a desktop entry's [Desktop Entry] group, keys as written ("Name[de]" included).
QMap<QString, QString> readDesktopEntry(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QMap<QString, QString> values;
    bool inGroup = false;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.startsWith(QLatin1Char('[')))
            inGroup = line == QLatin1String("[Desktop Entry]");
        else if (inGroup && line.contains(QLatin1Char('=')) && !line.startsWith(QLatin1Char('#')))
            values.insert(line.section(QLatin1Char('='), 0, 0), line.section(QLatin1Char('='), 1));
    }
    return values;
}

}  // namespace

class TestPackaging : public QObject {
    Q_OBJECT
private slots:
    void metainfoValidates();
    void desktopEntryValidates();
    void metainfoAndDesktopEntryAgree();
    void iconsHaveTheirSizes();
};

void TestPackaging::metainfoValidates()
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    if (tool.isEmpty())
        QSKIP("appstreamcli is not installed (Debian package appstream): metainfo not validated");
    const Run r = runTool(tool, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                 packagingFile(kAppId + QStringLiteral(".metainfo.xml"))});
    if (r.exitCode != 0)
        qWarning().noquote() << r.output;
    QCOMPARE(r.exitCode, 0);
}

void TestPackaging::desktopEntryValidates()
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (tool.isEmpty())
        QSKIP("desktop-file-validate is not installed (Debian package desktop-file-utils): desktop entry not validated");
    const Run r = runTool(tool, {packagingFile(kAppId + QStringLiteral(".desktop"))});
    // Errors fail the exit code; warnings and hints (e.g. two main categories) are held to the same bar.
    if (!r.output.trimmed().isEmpty())
        qWarning().noquote() << r.output;
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.output.trimmed().isEmpty(), qPrintable(r.output));
}

void TestPackaging::metainfoAndDesktopEntryAgree()
{
    const auto entry = readDesktopEntry(packagingFile(kAppId + QStringLiteral(".desktop")));
    QVERIFY2(!entry.isEmpty(), "the desktop entry could not be read");
    QCOMPARE(entry.value(QStringLiteral("Icon")), kAppId);  // the name the icons are installed under
    QVERIFY(entry.value(QStringLiteral("Exec")).startsWith(QLatin1String("exl2-studio")));
    for (const QString& lang : {QStringLiteral("de"), QStringLiteral("zh_CN")}) {
        QVERIFY2(!entry.value(QStringLiteral("GenericName[%1]").arg(lang)).isEmpty(), qPrintable(lang));
        QVERIFY2(!entry.value(QStringLiteral("Comment[%1]").arg(lang)).isEmpty(), qPrintable(lang));
    }

    QFile f(packagingFile(kAppId + QStringLiteral(".metainfo.xml")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QString id, launchable;
    QStringList binaries, screenshots, summaryLangs;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("id"))
            id = xml.readElementText();
        else if (name == QLatin1String("launchable"))
            launchable = xml.readElementText();
        else if (name == QLatin1String("binary"))
            binaries << xml.readElementText();
        else if (name == QLatin1String("image"))
            screenshots << xml.readElementText();
        else if (name == QLatin1String("summary"))
            summaryLangs << xml.attributes().value(QStringLiteral("xml:lang")).toString();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(id, kAppId);
    QCOMPARE(launchable, kAppId + QStringLiteral(".desktop"));
    for (const char* b : {"exl2-studio", "exl2-convert", "exl2-tool"})
        QVERIFY2(binaries.contains(QLatin1String(b)), b);
    QVERIFY(summaryLangs.contains(QStringLiteral("de")) && summaryLangs.contains(QStringLiteral("zh_CN")));
    // Screenshot URLs point into this repository's docs/screenshots: the files must exist.
    QVERIFY(!screenshots.isEmpty());
    static const QRegularExpression docPath(QStringLiteral("/main/(docs/screenshots/[^/]+\\.png)$"));
    for (const QString& url : screenshots) {
        const auto m = docPath.match(url);
        QVERIFY2(m.hasMatch(), qPrintable(url + " is not a docs/screenshots URL"));
        QVERIFY2(QFile::exists(QStringLiteral(EXL2_SOURCE_DIR "/") + m.captured(1)), qPrintable(m.captured(1)));
    }
}

void TestPackaging::iconsHaveTheirSizes()
{
    // The sizes the hicolor theme's index lists for apps, from 16 up to 512 px.
    const QStringList sizes = QStringLiteral(EXL2_ICON_SIZES).split(QLatin1Char(','));
    for (const char* wanted : {"16", "22", "24", "32", "48", "64", "128", "256", "512"})
        QVERIFY2(sizes.contains(QLatin1String(wanted)), wanted);
    for (const QString& s : sizes) {
        const QString file = packagingFile(QStringLiteral("icons/exl2-studio-%1.png").arg(s));
        const QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file + " is missing or not a PNG"));
        QCOMPARE(image.width(), s.toInt());
        QCOMPARE(image.height(), s.toInt());
        QVERIFY2(image.hasAlphaChannel(), qPrintable(file + " has no transparency (rounded corners)"));
        // The corner lies outside the rounded square (Lanczos may leave a trace of alpha).
        QVERIFY2(qAlpha(image.pixel(0, 0)) < 8, qPrintable(file + ": the corner is not transparent"));
    }
    const QSvgRenderer svg(QStringLiteral(EXL2_SOURCE_DIR "/resources/icons/exl2-studio.svg"));
    QVERIFY(svg.isValid());
    QCOMPARE(svg.defaultSize().width(), svg.defaultSize().height());
}

QTEST_MAIN(TestPackaging)
#include "test_packaging.moc"
