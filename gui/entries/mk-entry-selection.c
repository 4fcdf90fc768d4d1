/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-selection.c — a multiple selection of entries by id, for paged models.
 *
 * GtkMultiSelection (GTK 4.8) remembers the selected items themselves so
 * that a selection survives a reordering: selecting a range asks the model
 * for every item in it, and an "items-changed" that replaces the whole list
 * makes it read every new item looking for the old ones.  Over an
 * MkEntryList of 1,000,000 entries that means reading every page from
 * SQLite: Ctrl+A would freeze the window for minutes.
 *
 * This selection remembers entries by their id, and reads no more rows
 * than the person touched.  It is in one of three modes:
 *
 *  - IDS: the set of selected entry ids.  A click, Ctrl+click or a
 *    Shift+click range of up to MAX_READ rows reads those rows' ids (the
 *    rows a person clicks are on screen, so their page is read already).
 *    is_selected() looks the row's id up in the set; the count is the size
 *    of the set.
 *  - ALL: every row of the list except a set of ids, when Select All is
 *    used on a list of more than MAX_READ rows.  Nothing is read.  A
 *    smaller list is selected in IDS mode instead, so that "all" means
 *    exactly the entries that were there when the person selected them.
 *  - POSITIONS: a bitset of positions, for a range of more than MAX_READ
 *    rows that is not the whole list.  It cannot follow the entries, so
 *    it is dropped when the list is re-read.
 *
 * Invariants.  In IDS mode every id in the set is in the list: the list
 * is re-read only (a) when the store has committed a change (or, with
 * mk_entry_selection_catch_up(), after commits it did not follow), after
 * which the ids the list no longer holds (deleted, or edited so that the
 * filters leave them out) are dropped, one lookup by primary key each
 * (mk_entry_list_holds()); (b) when the caller reorders the same entries
 * (a new sort, mk_entry_selection_set_reordering()), which keeps them all;
 * or (c) when the filters change, which shows other rows and so clears the
 * selection.
 * In ALL mode the excepted ids are in the list too, so the count is the
 * list's length minus the exceptions.  A store change while ALL is
 * selected marks it stale: rows another program added since show as
 * selected, but the selection refuses to hand out its entries (a delete
 * of "all" must never reach entries the person has not seen), and asks
 * for Select All again.  The counts are never above the list's length.
 *
 * A change of the whole list (a new sort, filter or commit) is passed on
 * in three steps, so that the list view (GTK 4.8) keeps its row widgets:
 *
 *  1. the new rows are added before the old ones ("items-changed" 0, 0,
 *     new): for a moment the selection holds both, the old ones at the
 *     end (get_item() there answers with a new row: the view never shows
 *     them, it only keeps the widgets it had);
 *  2. "replacing" is emitted: the page moves the view to the first row,
 *     and the view binds the widgets it already has to the new rows;
 *  3. the old rows are removed from the end (new, old, 0).
 *
 * Told as one change (0, old, new), the view would look for the rows it
 * shows among all the new items, reading every page; told as "all
 * removed, then all added" it destroys its two hundred row widgets and
 * makes them again, 0.2 s of the main thread at every sort or search.
 *
 * For the same reason a list that becomes empty (a search that finds
 * nothing) is not passed on at once: the selection keeps the old rows
 * as "kept" rows after its (no) rows, and the view keeps its widgets.
 * The page shows "No Matching Entries" over the view meanwhile, so they
 * are never seen; none is selected and none is counted.  The next rows
 * replace them in the three steps above.
 */
#define G_LOG_DOMAIN "mk-entry-selection"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-entry-list.h"
#include "mk-entry-selection.h"

/* The most rows one selecting action reads to learn their ids.  As many
 * as the Entries page changes at once, so that every selection it can act
 * on follows its entries through a commit.  Over 1,000,000 entries sorted
 * by date, reading 5,000 rows (40 pages) took 1 s; Select All, which reads
 * none, 130 ms; a commit elsewhere with 5,000 rows selected 350 ms, most
 * of it the list counting its rows again. */
#define MAX_READ 10000

typedef enum {
  MODE_IDS,
  MODE_ALL,
  MODE_POSITIONS,
} Mode;

struct _MkEntrySelection
{
  GObject     parent_instance;

  MkStore    *store;
  GListModel *model;       /* an MkEntryList */
  Mode        mode;
  GHashTable *ids;         /* gint64 ids: selected (IDS) or excepted (ALL) */
  GtkBitset  *positions;   /* POSITIONS only */
  gboolean    stale;       /* ALL: the store changed since all was selected */
  gboolean    reordering;  /* whole-list changes reorder the same entries */
  gboolean    catching_up; /* the list is re-read after commits it missed */
  guint       old_tail;    /* during a whole-list change: old rows still at the end */
  guint       kept;        /* the list is empty: the rows it had, for the view */
  MkEntry    *sample;      /* a row read, that kept rows are copies of */
};

enum {
  REPLACING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MkEntrySelection, mk_entry_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static guint
n_rows (MkEntrySelection *self)
{
  return g_list_model_get_n_items (self->model);
}

/* The id of the entry at @position, or 0 past the end. */
static gint64
id_at (MkEntrySelection *self,
       guint             position)
{
  g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

  return item != NULL ? mk_entry_get_id (MK_ENTRY (item)) : 0;
}

static gboolean
has_id (MkEntrySelection *self,
        gint64            id)
{
  return g_hash_table_contains (self->ids, &id);
}

static void
add_id (MkEntrySelection *self,
        gint64            id)
{
  if (id > 0 && !has_id (self, id))
    g_hash_table_add (self->ids, g_memdup2 (&id, sizeof id));
}

static void
clear (MkEntrySelection *self)
{
  self->mode = MODE_IDS;
  self->stale = FALSE;
  g_hash_table_remove_all (self->ids);
  gtk_bitset_remove_all (self->positions);
}

/* GListModel */

static GType
get_item_type (GListModel *list)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (list);

  return g_list_model_get_item_type (self->model);
}

static guint
get_n_items (GListModel *list)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (list);

  return n_rows (self) + self->old_tail + self->kept;
}

/* A stand-in for a row the view had: an item of its own, as the view
 * wants no item at two positions. */
static gpointer
copy_of (MkEntry *like)
{
  MkEntryInput input;

  mk_entry_to_input (like, &input);
  return mk_entry_new (mk_entry_get_id (like), &input, mk_entry_get_person_name (like),
                       mk_entry_get_category (like));
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (list);
  guint n = n_rows (self);

  /* An old row, between the steps of a whole-list change: the view has a
   * widget for it already and asks only in a corner case, and drops it a
   * moment later.  A copy of a new row answers: an item of its own, as
   * the view wants no item at two positions. */
  if (position >= n && position - n < self->old_tail)
    {
      g_autoptr(MkEntry) like = g_list_model_get_item (self->model, (position - n) % n);

      return like != NULL ? copy_of (like) : NULL;
    }
  /* A kept row of a list that is empty: hidden, the view seldom asks. */
  if (position >= n && position - n < self->kept)
    return copy_of (self->sample);
  {
    MkEntry *item = g_list_model_get_item (self->model, position);

    if (self->sample == NULL && item != NULL)
      self->sample = g_object_ref (item);
    return item;
  }
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GtkSelectionModel */

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (model);

  if (position >= n_rows (self))
    return FALSE;
  switch (self->mode)
    {
    case MODE_IDS:
      return g_hash_table_size (self->ids) > 0 && has_id (self, id_at (self, position));
    case MODE_ALL:
      return g_hash_table_size (self->ids) == 0 || !has_id (self, id_at (self, position));
    case MODE_POSITIONS:
      return gtk_bitset_contains (self->positions, position);
    default:
      g_assert_not_reached ();
    }
}

/* Reads the rows of the range it is asked about, unless the answer is
 * known without them: callers ask about the rows on screen. */
static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n_items)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (model);
  guint end = MIN ((guint64) position + n_items, (guint64) n_rows (self));
  GtkBitset *result;

  if (self->mode == MODE_POSITIONS)
    return gtk_bitset_ref (self->positions);
  result = gtk_bitset_new_empty ();
  if (self->mode == MODE_ALL && g_hash_table_size (self->ids) == 0)
    gtk_bitset_add_range (result, 0, n_rows (self));
  else if (self->mode == MODE_ALL || g_hash_table_size (self->ids) > 0)
    for (guint i = position; i < end; i++)
      if (is_selected (model, i))
        gtk_bitset_add (result, i);
  return result;
}

/* Makes @selected (positions within the list) the whole selection. */
static void
replace (MkEntrySelection *self,
         GtkBitset        *selected)
{
  guint64 size = gtk_bitset_get_size (selected);
  GtkBitsetIter iter;
  guint position;

  clear (self);
  if (size == 0)
    return;
  if (size == n_rows (self) && size > MAX_READ)
    self->mode = MODE_ALL;
  else if (size > MAX_READ)
    {
      self->mode = MODE_POSITIONS;
      gtk_bitset_union (self->positions, selected);
    }
  else
    for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
         more = gtk_bitset_iter_next (&iter, &position))
      add_id (self, id_at (self, position));
}

/* Sets the rows in @mask (positions within the list) to whether they are
 * in @selected, leaving the others as they are. */
static void
update (MkEntrySelection *self,
        GtkBitset        *selected,
        GtkBitset        *mask)
{
  GtkBitsetIter iter;
  guint position;

  if (self->mode != MODE_POSITIONS && gtk_bitset_get_size (mask) > MAX_READ)
    {
      /* Too many rows to read, and the ids selected elsewhere have no
       * position to keep them by: the range alone is selected. */
      g_autoptr(GtkBitset) range = gtk_bitset_copy (selected);

      gtk_bitset_intersect (range, mask);
      replace (self, range);
      return;
    }
  if (self->mode == MODE_POSITIONS)
    {
      g_autoptr(GtkBitset) on = gtk_bitset_copy (selected);

      gtk_bitset_intersect (on, mask);
      gtk_bitset_difference (self->positions, mask);
      gtk_bitset_union (self->positions, on);
      return;
    }
  for (gboolean more = gtk_bitset_iter_init_first (&iter, mask, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = id_at (self, position);
      gboolean on = gtk_bitset_contains (selected, position);

      if ((self->mode == MODE_IDS) == on)
        add_id (self, id);
      else
        g_hash_table_remove (self->ids, &id);
    }
  if (self->mode == MODE_ALL && g_hash_table_size (self->ids) >= n_rows (self))
    clear (self);
}

static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *selected,
               GtkBitset         *mask)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (model);
  g_autoptr(GtkBitset) rows = gtk_bitset_copy (mask);
  g_autoptr(GtkBitset) on = NULL;
  guint n = n_rows (self);
  guint min;
  guint max;

  if (n < G_MAXUINT)
    gtk_bitset_remove_range_closed (rows, n, G_MAXUINT);
  if (gtk_bitset_is_empty (rows))
    return TRUE;

  on = gtk_bitset_copy (selected);
  gtk_bitset_intersect (on, rows);
  if (gtk_bitset_get_size (rows) == n)
    replace (self, on);   /* "select this, unselect the rest" */
  else
    update (self, on, rows);

  min = gtk_bitset_get_minimum (rows);
  max = gtk_bitset_get_maximum (rows);
  gtk_selection_model_selection_changed (model, min, max - min + 1);
  return TRUE;
}

/* Also when the list is empty by now (the selected rows left it), so that
 * no entry stays selected unseen. */
static gboolean
unselect_all (GtkSelectionModel *model)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (model);

  clear (self);
  if (n_rows (self) > 0)
    gtk_selection_model_selection_changed (model, 0, n_rows (self));
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->set_selection = set_selection;
  iface->unselect_all = unselect_all;
}

/* Following the list */

/* Whether the list is being re-read because the store emits "changed". */
static gboolean
store_is_changing (MkEntrySelection *self)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (self->store);

  return hint != NULL && hint->signal_id == g_signal_lookup ("changed", MK_TYPE_STORE);
}

/* After a commit: the selected (or excepted) entries the list no longer
 * holds drop out.  One lookup by primary key each. */
static void
forget_gone (MkEntrySelection *self)
{
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!mk_entry_list_holds (MK_ENTRY_LIST (self->model), *id))
      g_hash_table_iter_remove (&iter);
}

static void
follow (MkEntrySelection *self)
{
  /* An asynchronous list tells why when its worker's rows arrive, away
   * from the commit or the sort that asked for them. */
  MkEntryListChange change = mk_entry_list_get_change (MK_ENTRY_LIST (self->model));

  if (self->mode == MODE_POSITIONS)
    clear (self);
  else if (self->reordering || change == MK_ENTRY_LIST_CHANGE_REORDER)
    ;   /* The same entries in another order: the ids stay true. */
  else if (change == MK_ENTRY_LIST_CHANGE_FILTER)
    clear (self);
  else if (self->catching_up || store_is_changing (self) ||
           change == MK_ENTRY_LIST_CHANGE_COMMIT)
    {
      forget_gone (self);
      if (self->mode == MODE_ALL)
        {
          self->stale = TRUE;
          if (g_hash_table_size (self->ids) >= n_rows (self))
            clear (self);
        }
    }
  else
    clear (self);   /* Other filters: other rows. */
}

static void
items_changed_cb (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  MkEntrySelection *self)
{
  if (self->mode == MODE_POSITIONS && !(position == 0 && added == n_rows (self)))
    gtk_bitset_splice (self->positions, position, removed, added);
  else
    follow (self);

  /* Nothing left: the view keeps the rows it had (see the top). */
  if (position == 0 && removed > 0 && added == 0 && n_rows (self) == 0 &&
      self->kept == 0 && self->sample != NULL)
    {
      self->kept = removed;
      return;
    }
  /* Rows again after kept ones: they replace them as a whole list. */
  if (self->kept > 0)
    {
      g_warn_if_fail (position == 0 && removed == 0);
      removed = self->kept;
      self->kept = 0;
    }
  if (position == 0 && removed > 0 && added > 0 && added == n_rows (self))
    {
      self->old_tail = removed;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);
      g_signal_emit (self, signals[REPLACING], 0);
      self->old_tail = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), added, removed, 0);
      return;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* GObject */

static void
mk_entry_selection_dispose (GObject *object)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->positions, gtk_bitset_unref);
  g_clear_object (&self->sample);

  G_OBJECT_CLASS (mk_entry_selection_parent_class)->dispose (object);
}

static void
mk_entry_selection_class_init (MkEntrySelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mk_entry_selection_dispose;

  /**
   * MkEntrySelection::replacing:
   * @self: the selection
   *
   * In the middle of a change of the whole list: the new rows are at the
   * start, the old ones still after them, until the handlers return.  A
   * view moved to the first row now reuses its row widgets for the new
   * rows instead of making new ones.
   */
  signals[REPLACING] = g_signal_new ("replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mk_entry_selection_init (MkEntrySelection *self)
{
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->positions = gtk_bitset_new_empty ();
}

/* Public */

/**
 * mk_entry_selection_new:
 * @store: the store the entries come from; its "changed" signal tells a
 *   commit (whose surviving entries stay selected) from a new filter
 * @model: the MkEntryList to select from, following @store
 *
 * Returns: (transfer full): a selection over @model with nothing selected.
 */
MkEntrySelection *
mk_entry_selection_new (MkStore    *store,
                        GListModel *model)
{
  MkEntrySelection *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);
  g_return_val_if_fail (MK_IS_ENTRY_LIST (model), NULL);

  self = g_object_new (MK_TYPE_ENTRY_SELECTION, NULL);
  self->store = g_object_ref (store);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

/**
 * mk_entry_selection_get_model:
 * @self: a selection
 *
 * Returns: (transfer none): the list it selects from.
 */
GListModel *
mk_entry_selection_get_model (MkEntrySelection *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_SELECTION (self), NULL);

  return self->model;
}

/**
 * mk_entry_selection_get_n_selected:
 * @self: a selection
 *
 * Returns: how many rows of the list are selected.
 */
guint
mk_entry_selection_get_n_selected (MkEntrySelection *self)
{
  guint n;

  g_return_val_if_fail (MK_IS_ENTRY_SELECTION (self), 0);

  n = n_rows (self);
  switch (self->mode)
    {
    case MODE_IDS:
      return MIN (g_hash_table_size (self->ids), n);
    case MODE_ALL:
      return n - MIN (g_hash_table_size (self->ids), n);
    case MODE_POSITIONS:
      return (guint) MIN (gtk_bitset_get_size (self->positions), n);
    default:
      g_assert_not_reached ();
    }
}

/**
 * mk_entry_selection_contains:
 * @self: a selection
 * @entry_id: an entry of the list
 *
 * Returns: whether the entry is selected, wherever its row is now.  A
 *   selection of positions (a range of more than 10,000 rows that is not
 *   the whole list) answers %FALSE.
 */
gboolean
mk_entry_selection_contains (MkEntrySelection *self,
                             gint64            entry_id)
{
  g_return_val_if_fail (MK_IS_ENTRY_SELECTION (self), FALSE);

  switch (self->mode)
    {
    case MODE_IDS:
      return has_id (self, entry_id);
    case MODE_ALL:
      return !has_id (self, entry_id);
    case MODE_POSITIONS:
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

/**
 * mk_entry_selection_set_reordering:
 * @self: a selection
 * @reordering: whether the model's next whole-list changes only reorder it
 *
 * Set around a change of the list's sort, so that the selected entries
 * stay selected at their new rows instead of being dropped as for a new
 * filter.
 */
void
mk_entry_selection_set_reordering (MkEntrySelection *self,
                                   gboolean          reordering)
{
  g_return_if_fail (MK_IS_ENTRY_SELECTION (self));

  self->reordering = !!reordering;
}

/**
 * mk_entry_selection_catch_up:
 * @self: a selection
 *
 * Reads the list again after commits it did not follow (its page was
 * hidden and had stopped it listening to the store).  The selected entries
 * the list still holds stay selected, as after a commit it follows.  An
 * asynchronous list reads in its worker: the rows come later, told as a
 * commit.
 */
void
mk_entry_selection_catch_up (MkEntrySelection *self)
{
  g_return_if_fail (MK_IS_ENTRY_SELECTION (self));

  self->catching_up = TRUE;
  mk_entry_list_catch_up (MK_ENTRY_LIST (self->model));
  self->catching_up = FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The selected entries of IDS mode, read from the store by id, oldest id
 * first.  An entry deleted by someone else since the last refresh is left
 * out: a delete or move must reach only what still exists. */
static GPtrArray *
selected_by_id (MkEntrySelection *self)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                             g_hash_table_size (self->ids));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_array_append_val (ids, *id);
  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    {
      MkEntry *entry = mk_store_get_entry (self->store, g_array_index (ids, gint64, i), NULL);

      if (entry != NULL)
        g_ptr_array_add (items, entry);
    }
  return items;
}

/**
 * mk_entry_selection_get_selected:
 * @self: a selection
 * @max: the most items to hand out
 * @error: return location for a #GError
 *
 * Reads the selected entries: by id from the store when they were selected
 * row by row (oldest id first), else from the list, in list order.
 *
 * Returns: (transfer full) (element-type MkEntry) (nullable): the entries,
 *   or %NULL with @error set when more than @max are selected, or when
 *   everything was selected and the store has changed since (then the
 *   person is asked to select all again, so that a delete or move never
 *   reaches entries they have not seen).
 */
GPtrArray *
mk_entry_selection_get_selected (MkEntrySelection *self,
                                 guint             max,
                                 GError          **error)
{
  GPtrArray *items;
  guint n;

  g_return_val_if_fail (MK_IS_ENTRY_SELECTION (self), NULL);

  if (mk_entry_selection_get_n_selected (self) > max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %d is a number such as 10000. */
                   _("At most %d entries can be changed at once. Narrow the list with the "
                     "filters, or select fewer rows."), (int) max);
      return NULL;
    }
  if (self->mode == MODE_ALL && self->stale)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The list has changed since all its rows were selected: another "
                             "window or program saved entries. Select all rows again to see "
                             "what you change."));
      return NULL;
    }
  if (self->mode == MODE_IDS)
    return selected_by_id (self);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  n = n_rows (self);
  for (guint position = 0; position < n; position++)
    if (is_selected (GTK_SELECTION_MODEL (self), position))
      {
        gpointer item = g_list_model_get_item (self->model, position);

        if (item != NULL)
          g_ptr_array_add (items, item);
      }
  return items;
}
