/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-types.h — forward declarations of Minutka's core types.
 *
 * Every public core header includes this one, so a header can name a type
 * without pulling in its definition.  Core never includes GTK or GDK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MkStore         MkStore;
typedef struct _MkPerson        MkPerson;
typedef struct _MkCategory      MkCategory;
typedef struct _MkEntry         MkEntry;
typedef struct _MkEntryList     MkEntryList;
typedef struct _MkStudy         MkStudy;
typedef struct _MkSettings      MkSettings;
typedef struct _MkTimer         MkTimer;
typedef struct _MkImportBatch   MkImportBatch;

G_END_DECLS
