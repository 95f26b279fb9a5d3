#include "language.h"

#include <QCoreApplication>
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
    return locale.name();
}

}  // namespace exl2
