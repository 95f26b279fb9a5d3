#include "language.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace exl2 {

QString installTranslation(const QString& languageOverride)
{
    const QLocale locale = languageOverride.isEmpty() ? QLocale::system() : QLocale(languageOverride);
    auto* app = QCoreApplication::instance();
    auto* ours = new QTranslator(app);
    // QTranslator::load(locale, ...) tries "exl2-studio_zh_CN", then "exl2-studio_zh", ...
    if (!ours->load(locale, QStringLiteral("exl2-studio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete ours;
        return {};
    }
    QCoreApplication::installTranslator(ours);
    // Qt's own strings (wizard buttons) when the system ships them.
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    // The file that matched names the language: ":/i18n/exl2-studio_zh_CN.qm" -> "zh_CN".
    return QFileInfo(ours->filePath()).completeBaseName().section(QLatin1Char('_'), 1, -1);
}

}  // namespace exl2
