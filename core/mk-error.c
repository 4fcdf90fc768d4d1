/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mk-error"

#include "config.h"

#include "mk-error.h"

G_DEFINE_QUARK (mk-store-error-quark, mk_store_error)
G_DEFINE_QUARK (mk-import-error-quark, mk_import_error)
G_DEFINE_QUARK (mk-parse-error-quark, mk_parse_error)
