// The core's job report structs as Qt meta-types, so they travel through queued signals. Every header
// that names them in a signal or slot includes this first (moc needs the declaration before any use).
#pragma once

#include "pipeline/job_settings.h"

#include <QMetaType>

Q_DECLARE_METATYPE(exl2::ModuleMeasured)
Q_DECLARE_METATYPE(exl2::ModuleQuantized)
Q_DECLARE_METATYPE(exl2::StrategyChosen)
Q_DECLARE_METATYPE(exl2::JobResult)
