// The German and Simplified Chinese translations: every entry of translations/*.ts is finished and keeps
// its %N placeholders and accelerator; the .ts files hold every string ui/ passes through tr() today
// (lupdate into a scratch copy leaves nothing unfinished); the embedded .qm files load and give the
// .ts translations; installTranslation() honours the language override.
#include "language.h"
#include "test_support.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Entry {
    QString context, source, comment, translation;
    bool unfinished = false;
    bool numerus = false;
};

QString tsFile(const QString& lang) { return QStringLiteral(EXL2_SOURCE_DIR "/translations/exl2-studio_%1.ts").arg(lang); }

// Reads a .ts file; fails the calling test (empty list + message) when it is not well-formed.
QList<Entry> readTs(const QString& file, QString* error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = file + QStringLiteral(": cannot be read");
        return {};
    }
    QList<Entry> entries;
    QXmlStreamReader xml(&f);
    QString context;
    Entry e;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto n = xml.name();
            if (n == QLatin1String("message")) {
                e = Entry{context, {}, {}, {}, false, xml.attributes().value(QStringLiteral("numerus")) == QLatin1String("yes")};
            } else if (n == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (n == QLatin1String("source")) {
                e.source = xml.readElementText();
            } else if (n == QLatin1String("comment")) {
                e.comment = xml.readElementText();
            } else if (n == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                e.unfinished = !type.isEmpty();  // unfinished, vanished or obsolete
                if (!e.numerus)
                    e.translation = xml.readElementText();
            } else if (n == QLatin1String("numerusform")) {
                e.translation += xml.readElementText() + QLatin1Char('\n');
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            entries << e;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: line %2: %3").arg(file).arg(xml.lineNumber()).arg(xml.errorString());
    return entries;
}

QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> set;
    for (const auto& m : re.globalMatch(text))
        set.insert(m.captured(0));
    return set;
}

// An accelerator is "&" before a letter or digit; "&&" is a literal ampersand.
bool hasAccelerator(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("(^|[^&])&[\\w]"));
    return re.match(text).hasMatch();
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void entriesAreFinished_data();
    void entriesAreFinished();
    void tsFilesCoverTheSources_data();
    void tsFilesCoverTheSources();
    void embeddedQmMatchesTs_data();
    void embeddedQmMatchesTs();
    void overrideInstallsTheLanguage();
};

static void addLanguages()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestTranslations::entriesAreFinished_data() { addLanguages(); }

void TestTranslations::entriesAreFinished()
{
    QFETCH(QString, lang);
    QString error;
    const QList<Entry> entries = readTs(tsFile(lang), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(entries.size() > 100, qPrintable(QStringLiteral("only %1 entries").arg(entries.size())));
    static const QRegularExpression han(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    int differing = 0, chinese = 0;
    for (const Entry& e : entries) {
        const QString where = QStringLiteral("%1: [%2] \"%3\"").arg(tsFile(lang), e.context, e.source);
        QVERIFY2(!e.unfinished && !e.translation.trimmed().isEmpty(), qPrintable(where + " is not translated"));
        QVERIFY2(placeholders(e.source) == placeholders(e.translation),
                 qPrintable(where + " -> \"" + e.translation + "\": the %N placeholders differ"));
        QVERIFY2(hasAccelerator(e.source) == hasAccelerator(e.translation),
                 qPrintable(where + " -> \"" + e.translation + "\": the & accelerator is lost or added"));
        differing += e.translation != e.source;
        chinese += han.match(e.translation).hasMatch();
    }
    // Units and symbols ("%1 s") may stay as they are; the prose may not.
    QVERIFY2(differing * 10 >= entries.size() * 9, qPrintable(QStringLiteral("%1 of %2 entries equal their English source").arg(entries.size() - differing).arg(entries.size())));
    if (lang == QLatin1String("zh_CN"))
        QVERIFY2(chinese * 10 >= entries.size() * 9, qPrintable(QStringLiteral("only %1 of %2 entries hold Chinese text").arg(chinese).arg(entries.size())));
}

void TestTranslations::tsFilesCoverTheSources_data() { addLanguages(); }

void TestTranslations::tsFilesCoverTheSources()
{
    QFETCH(QString, lang);
    // lupdate merges today's tr() strings into a scratch copy: anything it adds arrives unfinished.
    const auto dir = exl2test::scratchDir("translations-" + lang.toStdString());
    const QString copy = QString::fromStdString((dir / "copy.ts").string());
    QVERIFY(QFile::copy(tsFile(lang), copy));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(EXL2_LUPDATE),
            {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-silent"),
             QStringLiteral(EXL2_SOURCE_DIR "/ui"), QStringLiteral("-ts"), copy});
    QVERIFY2(p.waitForFinished(120000), "lupdate did not finish within 120 s");
    QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAll())));
    QString error;
    QStringList missing;
    for (const Entry& e : readTs(copy, &error))
        if (e.unfinished || e.translation.trimmed().isEmpty())
            missing << QStringLiteral("[%1] \"%2\"").arg(e.context, e.source);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 string(s) of ui/ lack a %2 translation (run ninja update_translations "
                                                          "and translate them):\n  %3")
                                               .arg(missing.size()).arg(lang, missing.join(QStringLiteral("\n  ")))));
}

void TestTranslations::embeddedQmMatchesTs_data() { addLanguages(); }

void TestTranslations::embeddedQmMatchesTs()
{
    QFETCH(QString, lang);
    QTranslator translator;
    QVERIFY2(translator.load(QStringLiteral(":/i18n/exl2-studio_%1.qm").arg(lang)), "the .qm is not embedded in exl2ui");
    QString error;
    for (const Entry& e : readTs(tsFile(lang), &error)) {
        if (e.numerus)
            continue;
        const QString got = translator.translate(e.context.toUtf8().constData(), e.source.toUtf8().constData(),
                                                 e.comment.isEmpty() ? nullptr : e.comment.toUtf8().constData());
        QVERIFY2(got == e.translation, qPrintable(QStringLiteral("[%1] \"%2\": .qm gives \"%3\", .ts says \"%4\" (stale build?)")
                                                      .arg(e.context, e.source, got, e.translation)));
    }
}

void TestTranslations::overrideInstallsTheLanguage()
{
    // A known string of the model page, through the same loader the app uses.
    const QString english = QStringLiteral("Use the &demo model");
    QCOMPARE(QCoreApplication::translate("exl2::ModelPage", "Use the &demo model"), english);
    QCOMPARE(exl2::installTranslation(QStringLiteral("de")), QStringLiteral("de"));  // the file loaded, not "de_DE"
    const QString german = QCoreApplication::translate("exl2::ModelPage", "Use the &demo model");
    QVERIFY2(german != english && german.contains(QLatin1String("Demo")), qPrintable(german));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
