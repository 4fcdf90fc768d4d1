/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-row-item.c — one previewed CSV row for the Import dialog's table.
 *
 * An immutable copy of an MkPreviewRow: the preview it came from is freed
 * as soon as the table is filled.  The category is the name the row will
 * get in Minutka (after the user's choices for unknown texts), not the raw
 * text of the file.  A row with a problem has no day, person or minutes.
 */
#define G_LOG_DOMAIN "mk-import-row-item"

#include "config.h"

#include "mk-import-row-item.h"

struct _MkImportRowItem
{
  GObject   parent_instance;

  guint64   line;
  char     *day;
  char     *person;
  char     *category;
  int       minutes;
  char     *task;
  char     *problem;
  gboolean  skipped;
  gboolean  empty;
};

G_DEFINE_FINAL_TYPE (MkImportRowItem, mk_import_row_item, G_TYPE_OBJECT)

static void
mk_import_row_item_finalize (GObject *object)
{
  MkImportRowItem *self = MK_IMPORT_ROW_ITEM (object);

  g_free (self->day);
  g_free (self->person);
  g_free (self->category);
  g_free (self->task);
  g_free (self->problem);

  G_OBJECT_CLASS (mk_import_row_item_parent_class)->finalize (object);
}

static void
mk_import_row_item_class_init (MkImportRowItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mk_import_row_item_finalize;
}

static void
mk_import_row_item_init (MkImportRowItem *self)
{
}

/**
 * mk_import_row_item_new:
 * @row: a row of a preview; copied
 * @category_name: (nullable): the name of the category the row goes to
 *
 * Returns: (transfer full): a new item.
 */
MkImportRowItem *
mk_import_row_item_new (const MkPreviewRow *row,
                        const char         *category_name)
{
  MkImportRowItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (MK_TYPE_IMPORT_ROW_ITEM, NULL);
  self->line = row->line;
  self->day = g_strdup (row->day);
  self->person = g_strdup (row->person ? row->person : "");
  self->category = g_strdup (category_name ? category_name : "");
  self->minutes = row->minutes;
  self->task = g_strdup (row->task ? row->task : "");
  self->problem = g_strdup (row->problem);
  self->skipped = row->skipped;
  self->empty = row->empty;
  return self;
}

/** mk_import_row_item_get_line: Returns: the line the row starts on. */
guint64
mk_import_row_item_get_line (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), 0);
  return self->line;
}

/** mk_import_row_item_get_day: Returns: "YYYY-MM-DD", or "" for a bad row. */
const char *
mk_import_row_item_get_day (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), NULL);
  return self->day;
}

/** mk_import_row_item_get_person: Returns: the person's name, or "". */
const char *
mk_import_row_item_get_person (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), NULL);
  return self->person;
}

/** mk_import_row_item_get_category: Returns: the Minutka category's name, or "". */
const char *
mk_import_row_item_get_category (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), NULL);
  return self->category;
}

/** mk_import_row_item_get_minutes: Returns: the duration, 0 for a bad or skipped row. */
int
mk_import_row_item_get_minutes (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), 0);
  return self->minutes;
}

/** mk_import_row_item_get_task: Returns: the task text, or "". */
const char *
mk_import_row_item_get_task (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), NULL);
  return self->task;
}

/** mk_import_row_item_get_problem: Returns: (nullable): why the row is invalid. */
const char *
mk_import_row_item_get_problem (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), NULL);
  return self->problem;
}

/** mk_import_row_item_get_skipped: Returns: %TRUE for a blank or totals row. */
gboolean
mk_import_row_item_get_skipped (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), FALSE);
  return self->skipped;
}

/** mk_import_row_item_get_empty: Returns: %TRUE for an empty entry (skipped). */
gboolean
mk_import_row_item_get_empty (MkImportRowItem *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_ROW_ITEM (self), FALSE);
  return self->empty;
}
