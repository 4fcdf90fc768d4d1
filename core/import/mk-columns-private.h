/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-columns-private.h — the preset table shared by mk-columns.c (which
 * applies a preset to a header) and mk-column-presets.c (which lists the
 * exports Minutka knows, with where their headers were checked).
 */
#pragma once

#include "mk-columns.h"

G_BEGIN_DECLS

/**
 * MkPresetSpec:
 * @preset: the export
 * @signature: normalised headers (see mk_column_normalize_header()) that
 *   must all be present for the header to be recognised as this export
 * @date: … @duration: per part of an entry, the normalised headers to read,
 *   best first; an empty list leaves the part to the generic mapping
 * @unit: what a bare number in the duration column means, or
 *   %MK_DURATION_UNIT_AUTO to let the header say (see
 *   mk_column_role_for_header())
 *
 * One way an export names its columns (a language, a version).
 */
typedef struct {
  MkPreset        preset;
  const char     *signature[8];
  const char     *date[3];
  const char     *person[4];
  const char     *category[4];
  const char     *task[3];
  const char     *start[2];
  const char     *end[2];
  const char     *end_date[2];
  const char     *duration[3];
  MkDurationUnit  unit;
} MkPresetSpec;

const MkPresetSpec *mk_column_presets (gsize *n_presets);

G_END_DECLS
