// Light and dark palettes for the whole application (Fusion style, so they look the same everywhere).
#pragma once

#include <QString>

namespace exl2 {

// "dark", "light", or "" for the platform's own palette.
void applyTheme(const QString& theme);

}  // namespace exl2
