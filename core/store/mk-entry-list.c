/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-list.c — entries as a GListModel, paged from SQLite.
 *
 * The model never loads all rows: it counts the rows that match its
 * filters, then reads pages of PAGE_SIZE rows on demand and keeps the most
 * recently used MAX_PAGES pages.  Items of a cached page keep their
 * identity, so a view can compare them.  The model refreshes itself when
 * the store reports a committed change.
 *
 * SQL: the statement is assembled from constant fragments chosen by which
 * filters are set and which sort is asked for; every value is bound.  The
 * store keeps each assembled statement, by its text, for the life of the
 * connection (mk_store_stmt_for_sql()).
 *
 * A read that fails (a damaged page, a lock held too long) is never taken
 * for the end of the rows: the list keeps the failure in its "error"
 * property, which the views show, and holds what it could read.  The next
 * refresh that reads without failing clears it.
 *
 * Paging with OFFSET makes SQLite step over every row before the page, so
 * two things keep a page at the end of a million rows cheap: the rows are
 * skipped in a subquery that reads only the ids (the person and the other
 * columns are joined for the page's rows alone), and a page in the second
 * half of the list is read in the reverse order from the other end, then
 * turned around.  The end of the list costs what its start costs; the
 * middle costs the most.
 *
 * Two reads cannot be made cheap that way: a search (every task is read
 * to count the matches, ~0.5 s at a million entries) and an order no index
 * gives (minutes, person, category, task: SQLite sorts every row for each
 * page, ~0.7 s).  A list made asynchronous (mk_entry_list_set_async(), the
 * Entries page) does those in a worker thread, on a connection of its own:
 * the worker reads the ids of every row in order with their minutes, and
 * the pages are then read by id on the calling thread, 128 lookups by
 * primary key.  The other rereads of such a list (new filters, the time
 * order again, a commit) count its rows in the worker too, with the days
 * the middle of the time order is read by (~40 ms and ~0.1 s at a million
 * entries): after a commit the new rows come a moment after the store's
 * "changed" has returned.  Meanwhile the list keeps
 * what it showed and says it is "busy"; the result replaces it in one
 * "items-changed".  What kind of
 * change that is (a new order, a commit, new filters) is told by
 * mk_entry_list_get_change() during the signal, so that a selection can
 * keep the entries it should.  A newer request cancels an older one.
 */
#define G_LOG_DOMAIN "mk-entry-list"

#include "config.h"

#include <string.h>

#include "mk-entry-list.h"
#include "mk-store-private.h"

#define PAGE_SIZE 128
#define MAX_PAGES 24
#define BY_DAY_FROM (16 * PAGE_SIZE)

enum {
  FILTER_PERSON   = 1 << 0,
  FILTER_CATEGORY = 1 << 1,
  FILTER_FROM     = 1 << 2,
  FILTER_TO       = 1 << 3,
  FILTER_SEARCH   = 1 << 4,
  FILTER_FOLDED   = 1 << 5,
  FILTER_DAY      = 1 << 6,
  FILTER_BATCH    = 1 << 7,
  FILTER_TYPED    = 1 << 8,
};

static const char select_ids_sql[] =
  "SELECT e.id, e.person_id, e.day, e.start, e.minutes, e.category_id, e.task, e.source, "
  "e.batch_id, e.fingerprint, p.name, e.uuid, "
  "(SELECT t.login FROM team_sender t WHERE t.uuid = e.uuid) "
  "FROM (SELECT e.id AS id FROM entry e";
static const char select_person_sql[] = " JOIN person p ON p.id = e.person_id";
static const char select_rows_sql[] =
  " LIMIT :limit OFFSET :offset) s JOIN entry e ON e.id = s.id "
  "JOIN person p ON p.id = e.person_id";
/* One row by its id, with the columns of select_ids_sql. */
static const char select_one_sql[] =
  "SELECT e.id, e.person_id, e.day, e.start, e.minutes, e.category_id, e.task, e.source, "
  "e.batch_id, e.fingerprint, p.name, e.uuid FROM entry e "
  "JOIN person p ON p.id = e.person_id WHERE e.id = ?1";
static const char count_sql[] =
  "SELECT count(*), coalesce(sum(e.minutes), 0) FROM entry e";
/* Without a search, the day totals know the count and the minutes: a few
 * thousand rows instead of a million entries. */
static const char totals_count_sql[] =
  "SELECT coalesce(sum(entries), 0), coalesce(sum(minutes), 0) FROM day_total";

static const char *filter_sql[] = {
  /* The entry index is (day, person_id): the person's days, from their day
   * totals, let it seek each (day, person) instead of reading every entry. */
  "e.person_id = :person AND e.day IN (SELECT day FROM day_total WHERE person_id = :person)",
  "e.category_id = :category",
  "e.day >= :from",
  "e.day <= :to",
  /* LIKE ignores the case of ASCII letters by itself; other scripts need
   * the Unicode folding, which costs about twice as much per row. */
  "e.task LIKE :search ESCAPE '\\'",
  "mk_fold (e.task) LIKE :search ESCAPE '\\'",
  /* One day: an equality, so that the entry index (day, person_id)
   * finds a person's day directly instead of scanning the whole day. */
  "e.day = :from",
  /* The source: one import, or what was typed or timed. */
  "e.batch_id = :batch",
  "e.batch_id IS NULL",
};

/* The same filters on day_total (no search: it has no task text).  A
 * period reads the table straight through ("+day" keeps SQLite off the day
 * index, whose lookups cost more than reading every row); one day uses it. */
static const char *totals_filter_sql[] = {
  "person_id = :person",
  "category_id = :category",
  "+day >= :from",
  "+day <= :to",
  NULL,
  NULL,
  "day = :from",
  NULL,
  NULL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (totals_filter_sql) == G_N_ELEMENTS (filter_sql));

static const char *order_sql[][2] = {
  [MK_ENTRY_SORT_TIME] = { " ORDER BY e.day, " MK_ENTRY_PLACE_SQL ", e.id",
                           " ORDER BY e.day DESC, " MK_ENTRY_PLACE_SQL " DESC, e.id DESC" },
  [MK_ENTRY_SORT_MINUTES] = { " ORDER BY e.minutes, e.id", " ORDER BY e.minutes DESC, e.id DESC" },
  [MK_ENTRY_SORT_PERSON] = { " ORDER BY p.name, e.day, " MK_ENTRY_PLACE_SQL ", e.id",
                             " ORDER BY p.name DESC, e.day DESC, " MK_ENTRY_PLACE_SQL " DESC, e.id DESC" },
  [MK_ENTRY_SORT_CATEGORY] = { " ORDER BY e.category_id, e.day, " MK_ENTRY_PLACE_SQL ", e.id",
                               " ORDER BY e.category_id DESC, e.day DESC, " MK_ENTRY_PLACE_SQL " DESC, "
                               "e.id DESC" },
  [MK_ENTRY_SORT_TASK] = { " ORDER BY e.task, e.id", " ORDER BY e.task DESC, e.id DESC" },
};

/* In time order, where each day's rows begin in the list. */
typedef struct {
  char   day[11];
  gint64 first;   /* the position of the day's first row */
  gint64 count;
} DayCount;

struct _MkEntryList
{
  GObject      parent_instance;

  MkStore     *store;
  gulong       changed_id;

  gint64       person_id;
  gint64       category_id;
  gint64       batch_id;     /* one import; 0 for typed or timed; -1 for any */
  char        *from;
  char        *to;
  char        *search;       /* a LIKE pattern, already escaped */
  MkEntrySort  sort;
  gboolean     descending;

  guint        n_items;
  gint64       total_minutes;
  GHashTable  *pages;        /* page number → GPtrArray of MkEntry */
  GArray      *days;         /* DayCount in the list's order, or NULL until needed */
  GQueue       page_order;   /* page numbers, most recent first */
  GError      *error;        /* the last read that failed, until one succeeds */

  gboolean     async;        /* searches and unindexed orders go to a worker */
  GArray      *ids;          /* gint64: every row's id in order, from the worker; or NULL */
  GCancellable *cancellable; /* the worker's request, while it runs */
  MkEntryListChange pending; /* what the running request will change */
  MkEntryListChange change;  /* what the "items-changed" being emitted changes */
};

enum {
  PROP_0,
  PROP_ERROR,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MkEntryList, mk_entry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static guint
filter_mask (MkEntryList *self)
{
  gboolean one_day = self->from != NULL && g_strcmp0 (self->from, self->to) == 0;

  return (self->person_id > 0 ? FILTER_PERSON : 0) |
         (self->category_id > 0 ? FILTER_CATEGORY : 0) |
         (one_day ? FILTER_DAY : 0) |
         (self->from != NULL && !one_day ? FILTER_FROM : 0) |
         (self->to != NULL && !one_day ? FILTER_TO : 0) |
         (self->search != NULL && g_str_is_ascii (self->search) ? FILTER_SEARCH : 0) |
         (self->search != NULL && !g_str_is_ascii (self->search) ? FILTER_FOLDED : 0) |
         (self->batch_id > 0 ? FILTER_BATCH : 0) |
         (self->batch_id == 0 ? FILTER_TYPED : 0);
}

/* Appends " WHERE a AND b …" for the filters in @mask, each taken from
 * @sqls; returns whether a WHERE was written. */
static gboolean
append_filters (GString     *sql,
                guint        mask,
                const char **sqls)
{
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (filter_sql); i++)
    if (mask & (1u << i))
      {
        g_string_append (sql, any ? " AND " : " WHERE ");
        g_string_append (sql, sqls[i]);
        any = TRUE;
      }
  return any;
}

/* The filter values, as the list holds them or as a worker's copy. */
typedef struct {
  gint64  person_id;
  gint64  category_id;
  gint64  batch_id;
  char   *from;
  char   *to;
  char   *search;
} Filters;

/* Binds the filter values to whichever of them @stmt names; @filters
 * must outlive the statement's use. */
static void
bind_values (const Filters *filters,
             sqlite3_stmt  *stmt)
{
  const struct {
    const char *name;
    const char *value;
  } texts[] = { { ":from", filters->from }, { ":to", filters->to },
                { ":search", filters->search } };
  int index;

  if (filters->person_id > 0 && (index = sqlite3_bind_parameter_index (stmt, ":person")) > 0)
    sqlite3_bind_int64 (stmt, index, filters->person_id);
  if (filters->category_id > 0 &&
      (index = sqlite3_bind_parameter_index (stmt, ":category")) > 0)
    sqlite3_bind_int64 (stmt, index, filters->category_id);
  if (filters->batch_id > 0 && (index = sqlite3_bind_parameter_index (stmt, ":batch")) > 0)
    sqlite3_bind_int64 (stmt, index, filters->batch_id);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL &&
        (index = sqlite3_bind_parameter_index (stmt, texts[i].name)) > 0)
      sqlite3_bind_text (stmt, index, texts[i].value, -1, SQLITE_STATIC);
}

/* Binds the list's filter values to whichever of them @stmt names. */
static void
bind_filters (MkEntryList  *self,
              sqlite3_stmt *stmt)
{
  Filters filters = { self->person_id, self->category_id, self->batch_id,
                      self->from, self->to, self->search };

  bind_values (&filters, stmt);
}

/* Keeps the first failure of a refresh or of a page; the views hear of it
 * through the "error" property. */
static void
set_error (MkEntryList *self,
           GError      *error)
{
  if (self->error != NULL)
    {
      g_error_free (error);
      return;
    }
  g_warning ("%s", error->message);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The counting statement, or the page statement in the list's order or,
 * with @reverse, in the opposite one.  With @one_id, the count is of the
 * entry :id alone (1 when the filters let it through, else 0).  %NULL when
 * it cannot be prepared (the list's error is set). */
static sqlite3_stmt *
statement_full (MkEntryList *self,
                gboolean     count,
                gboolean     reverse,
                gboolean     one_id,
                gboolean     one_day)
{
  /* One day of the time order: the day is :pday, the range filters go. */
  guint mask = filter_mask (self) & (one_day ? ~(guint) (FILTER_FROM | FILTER_TO | FILTER_DAY)
                                             : ~0u);
  gboolean descending = count ? FALSE : (self->descending != reverse);
  /* The day totals know nothing of task texts or sources. */
  gboolean from_totals = count && !one_id && !(mask & (FILTER_SEARCH | FILTER_FOLDED |
                                                       FILTER_BATCH | FILTER_TYPED));
  g_autoptr(GString) sql = g_string_new (from_totals ? totals_count_sql
                                         : count ? count_sql : select_ids_sql);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  gboolean first;

  g_assert (count || !one_id);

  if (!count && self->sort == MK_ENTRY_SORT_PERSON)
    g_string_append (sql, select_person_sql);
  first = !append_filters (sql, mask, from_totals ? totals_filter_sql : filter_sql);
  if (one_id)
    g_string_append (sql, first ? " WHERE e.id = :id" : " AND e.id = :id");
  if (one_day)
    g_string_append (sql, first ? " WHERE e.day = :pday" : " AND e.day = :pday");
  if (!count)
    {
      /* Once to choose the rows, once to keep them in order after the join. */
      g_string_append (sql, order_sql[self->sort][descending ? 1 : 0]);
      g_string_append (sql, select_rows_sql);
      g_string_append (sql, order_sql[self->sort][descending ? 1 : 0]);
    }
  stmt = mk_store_stmt_for_sql (self->store, sql->str, &error);
  if (stmt == NULL)
    {
      set_error (self, error);
      return NULL;
    }
  bind_filters (self, stmt);
  return stmt;
}

static sqlite3_stmt *
statement (MkEntryList *self,
           gboolean     count,
           gboolean     reverse,
           gboolean     one_id)
{
  return statement_full (self, count, reverse, one_id, FALSE);
}

/* The days of the list with how many rows each has, in the list's order:
 * one pass over the entry index (or, with a person, over their days). */
static char *
days_sql (MkEntryList *self)
{
  GString *sql = g_string_new ("SELECT e.day, count(*) FROM entry e");

  append_filters (sql, filter_mask (self), filter_sql);
  g_string_append (sql, self->descending ? " GROUP BY e.day ORDER BY e.day DESC"
                                         : " GROUP BY e.day ORDER BY e.day");
  return g_string_free (sql, FALSE);
}

/* Reads the days of @stmt (days_sql(), bound) into @days; on the list's
 * thread or in the worker. */
static MkStoreStep
read_days (MkStore      *store,
           sqlite3_stmt *stmt,
           GArray       *days,
           GError      **error)
{
  MkStoreStep step;
  gint64 position = 0;

  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      DayCount day = { { 0 }, position, sqlite3_column_int64 (stmt, 1) };

      g_strlcpy (day.day, (const char *) sqlite3_column_text (stmt, 0), sizeof day.day);
      g_array_append_val (days, day);
      position += day.count;
    }
  return step;
}

static void
count_days (MkEntryList *self)
{
  g_autofree char *sql = days_sql (self);
  GError *error = NULL;
  sqlite3_stmt *stmt;

  self->days = g_array_new (FALSE, FALSE, sizeof (DayCount));
  stmt = mk_store_stmt_for_sql (self->store, sql, &error);
  if (stmt == NULL)
    {
      set_error (self, error);
      return;
    }
  bind_filters (self, stmt);
  if (read_days (self->store, stmt, self->days, &error) == MK_STORE_FAILED)
    set_error (self, error);
}

static void
recount (MkEntryList *self)
{
  sqlite3_stmt *stmt = statement (self, TRUE, FALSE, FALSE);
  GError *error = NULL;

  self->n_items = 0;
  self->total_minutes = 0;
  if (stmt == NULL)
    return;
  switch (mk_store_step (self->store, stmt, &error))
    {
    case MK_STORE_ROW:
      self->n_items = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
      self->total_minutes = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      break;
    case MK_STORE_FAILED:
      set_error (self, error);
      break;
    case MK_STORE_DONE:
    default:
      break;
    }
}

/* Appends the rows of a page statement to @items. */
static void
read_rows (MkEntryList  *self,
           sqlite3_stmt *stmt,
           GPtrArray    *items)
{
  GError *error = NULL;
  MkStoreStep step;

  while ((step = mk_store_step (self->store, stmt, &error)) == MK_STORE_ROW)
    {
      MkEntryInput input = { 0 };
      MkCategory *category = mk_store_get_category (self->store, sqlite3_column_int64 (stmt, 5));
      MkEntry *entry;

      if (category == NULL)
        continue;
      input.person_id = sqlite3_column_int64 (stmt, 1);
      input.day = (const char *) sqlite3_column_text (stmt, 2);
      input.start = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                    ? -1 : sqlite3_column_int (stmt, 3);
      input.minutes = sqlite3_column_int (stmt, 4);
      input.category_id = sqlite3_column_int64 (stmt, 5);
      input.task = (const char *) sqlite3_column_text (stmt, 6);
      input.source = (MkEntrySource) CLAMP (sqlite3_column_int (stmt, 7), 0, 2);
      input.batch_id = sqlite3_column_int64 (stmt, 8);
      input.fingerprint = sqlite3_column_int64 (stmt, 9);
      mk_store_column_uuid (stmt, 11, input.uuid);
      entry = mk_entry_new (sqlite3_column_int64 (stmt, 0), &input,
                            (const char *) sqlite3_column_text (stmt, 10), category);
      /* Received from the team: the login that sent it. */
      if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
        mk_entry_set_sent_by (entry, (const char *) sqlite3_column_text (stmt, 12));
      g_ptr_array_add (items, entry);
    }
  if (step == MK_STORE_FAILED)
    set_error (self, error);
}

/* Reads @length rows of the time order from @offset a day at a time, so
 * that SQLite sorts one day's rows by start instead of every row before
 * @offset (the entry index gives the days in order, not the starts). */
static void
load_by_day (MkEntryList *self,
             gint64       offset,
             gint64       length,
             GPtrArray   *items)
{
  guint lo = 0;
  guint hi;

  if (self->days == NULL)
    count_days (self);
  hi = self->days->len;
  /* The last day whose first row is at or before @offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->days, DayCount, mid).first <= offset)
        lo = mid;
      else
        hi = mid;
    }
  for (guint d = lo; d < self->days->len && length > 0; d++)
    {
      const DayCount *day = &g_array_index (self->days, DayCount, d);
      gint64 from = MAX (offset - day->first, 0);
      gint64 n = MIN (length, day->count - from);
      sqlite3_stmt *stmt;

      if (n <= 0)
        continue;
      stmt = statement_full (self, FALSE, FALSE, FALSE, TRUE);
      if (stmt == NULL)
        return;
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":pday"), day->day, -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), n);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), from);
      read_rows (self, stmt, items);
      length -= n;
      offset += n;
    }
}

static GPtrArray *
load_page (MkEntryList *self,
           guint        page)
{
  gint64 offset = (gint64) page * PAGE_SIZE;
  gint64 length = MIN ((gint64) PAGE_SIZE, (gint64) self->n_items - offset);
  /* A page nearer the end is read from the end, in the opposite order. */
  gboolean reverse = length > 0 && 2 * offset + length > (gint64) self->n_items;
  GPtrArray *items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  sqlite3_stmt *stmt;

  /* The worker has put the rows in order: each by its id.  One deleted
   * since is left out (the next result drops it). */
  if (self->ids != NULL)
    {
      GError *error = NULL;

      stmt = mk_store_stmt_for_sql (self->store, select_one_sql, &error);
      if (stmt == NULL)
        {
          set_error (self, error);
          return items;
        }
      for (gint64 i = offset; i < offset + length && i < (gint64) self->ids->len; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (self->ids, gint64, i));
          read_rows (self, stmt, items);
        }
      return items;
    }

  /* Away from both ends of the time order, a day at a time.  Near the ends
   * the plain query skips few rows, and needs no count of the days (one
   * more pass over the entry index, made only when a page needs it). */
  if (self->sort == MK_ENTRY_SORT_TIME && length > 0 && offset >= BY_DAY_FROM &&
      offset + length + BY_DAY_FROM <= (gint64) self->n_items)
    {
      load_by_day (self, offset, length, items);
      return items;
    }

  stmt = statement (self, FALSE, reverse, FALSE);
  if (stmt == NULL)
    return items;
  if (reverse)
    offset = (gint64) self->n_items - offset - length;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), MAX (length, 0));
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);
  read_rows (self, stmt, items);
  if (reverse)
    for (guint i = 0; i < items->len / 2; i++)
      {
        gpointer first = items->pdata[i];

        items->pdata[i] = items->pdata[items->len - 1 - i];
        items->pdata[items->len - 1 - i] = first;
      }
  return items;
}

static void
drop_pages (MkEntryList *self)
{
  g_clear_pointer (&self->days, g_array_unref);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

static GType
mk_entry_list_get_item_type (GListModel *model)
{
  return MK_TYPE_ENTRY;
}

static guint
mk_entry_list_get_n_items (GListModel *model)
{
  return MK_ENTRY_LIST (model)->n_items;
}

static gpointer
mk_entry_list_get_item (GListModel *model,
                        guint       position)
{
  MkEntryList *self = MK_ENTRY_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
      g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
      if (g_queue_get_length (&self->page_order) > MAX_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));
    }
  else if (g_queue_peek_head (&self->page_order) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
    }

  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mk_entry_list_get_item_type;
  iface->get_n_items = mk_entry_list_get_n_items;
  iface->get_item = mk_entry_list_get_item;
}

static void
store_changed_cb (MkStore     *store,
                  MkEntryList *self)
{
  /* A target band changed, say: the rows are as they were. */
  if (mk_store_change_leaves_entries (store))
    return;
  mk_entry_list_refresh (self);
}

static void
mk_entry_list_dispose (GObject *object)
{
  MkEntryList *self = MK_ENTRY_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_queue_clear (&self->page_order);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_entry_list_parent_class)->dispose (object);
}

static void
mk_entry_list_finalize (GObject *object)
{
  MkEntryList *self = MK_ENTRY_LIST (object);

  g_free (self->from);
  g_free (self->to);
  g_free (self->search);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mk_entry_list_parent_class)->finalize (object);
}

static void
mk_entry_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MkEntryList *self = MK_ENTRY_LIST (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_entry_list_class_init (MkEntryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mk_entry_list_dispose;
  object_class->finalize = mk_entry_list_finalize;
  object_class->get_property = mk_entry_list_get_property;

  /**
   * MkEntryList:error:
   *
   * Why the last read of the list failed (a MK_STORE_ERROR), or %NULL when
   * it read everything.  While it is set the list holds only what it could
   * read; the next refresh that succeeds clears it.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MkEntryList:busy:
   *
   * Whether a worker is reading the rows of a search or a sort (only an
   * asynchronous list, mk_entry_list_set_async()).  Meanwhile the list
   * holds what it held before.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mk_entry_list_init (MkEntryList *self)
{
  self->batch_id = -1;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

/**
 * mk_entry_list_new:
 * @store: a store
 *
 * Returns: (transfer full): every entry, oldest first; narrow it with the
 *   setters.  It follows the store's changes.
 */
static MkEntryList *
entry_list_new_uncounted (MkStore *store)
{
  MkEntryList *self = g_object_new (MK_TYPE_ENTRY_LIST, NULL);

  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  return self;
}

MkEntryList *
mk_entry_list_new (MkStore *store)
{
  MkEntryList *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = entry_list_new_uncounted (store);
  recount (self);
  return self;
}

/**
 * mk_entry_list_new_for_day:
 * @store: a store
 * @person_id: whose entries
 * @day: which day, "YYYY-MM-DD"
 *
 * Returns: (transfer full): one person's entries of one day in time order.
 */
MkEntryList *
mk_entry_list_new_for_day (MkStore    *store,
                           gint64      person_id,
                           const char *day)
{
  MkEntryList *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  /* Filters first: counting the whole table would cost ~0.1 s at 1M entries. */
  self = entry_list_new_uncounted (store);
  self->person_id = person_id;
  self->from = g_strdup (day);
  self->to = g_strdup (day);
  recount (self);
  return self;
}

/* The worker */

/* Whether the list's reads cost too much for the calling thread: a search
 * reads every task, and only the time order has an index. */
static gboolean
wants_worker (MkEntryList *self)
{
  return self->async && (self->search != NULL || self->sort != MK_ENTRY_SORT_TIME);
}

/* A worker's request: the ids of every row in order (@sql selects id and
 * minutes), or only the count (@sql counts, @days_sql gives the days of
 * the time order for the pages in the middle). */
typedef struct {
  char    *path;
  char    *sql;
  char    *days_sql;  /* a count only */
  Filters  filters;
  GArray  *ids;
  guint64  count;
  gint64   minutes;
  GArray  *days;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_free (job->sql);
  g_free (job->days_sql);
  g_free (job->filters.from);
  g_free (job->filters.to);
  g_free (job->filters.search);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->days, g_array_unref);
  g_free (job);
}

/* The count, and the days when the list is long enough to read its
 * middle a day at a time (load_page()). */
static void
count_thread (GTask        *task,
              MkStore      *store,
              sqlite3_stmt *stmt,
              Job          *job)
{
  GError *error = NULL;

  switch (mk_store_step (store, stmt, &error))
    {
    case MK_STORE_ROW:
      job->count = (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);
      job->minutes = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      break;
    case MK_STORE_FAILED:
      g_task_return_error (task, error);
      return;
    case MK_STORE_DONE:
    default:
      break;
    }
  if (job->count > 2 * BY_DAY_FROM)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      stmt = mk_store_stmt_for_sql (store, job->days_sql, &error);
      if (stmt == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      bind_values (&job->filters, stmt);
      job->days = g_array_new (FALSE, FALSE, sizeof (DayCount));
      if (read_days (store, stmt, job->days, &error) == MK_STORE_FAILED)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(MkStore) store = NULL;
  GError *error = NULL;
  sqlite3_stmt *stmt;
  MkStoreStep step;
  guint n = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = mk_store_open_full (job->path, MK_STORE_OPEN_EXISTING, &error);
  stmt = store ? mk_store_stmt_for_sql (store, job->sql, &error) : NULL;
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  bind_values (&job->filters, stmt);
  if (job->days_sql != NULL)
    {
      count_thread (task, store, stmt, job);
      return;
    }
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 4096);
  while ((step = mk_store_step (store, stmt, &error)) == MK_STORE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (job->ids, id);
      job->minutes += sqlite3_column_int64 (stmt, 1);
      if (++n % 8192 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_reset (stmt);
          g_task_return_error_if_cancelled (task);
          return;
        }
    }
  if (step == MK_STORE_FAILED)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  MkEntryList *self;
  Job *job;
  guint old;

  /* A cancelled request is one the list no longer waits for, or a list
   * that is gone: @user_data is not to be touched. */
  if (!g_task_propagate_boolean (task, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MK_ENTRY_LIST (user_data);
  g_clear_object (&self->cancellable);
  self->change = self->pending;
  self->pending = MK_ENTRY_LIST_CHANGE_NONE;
  old = self->n_items;
  if (error != NULL)
    {
      set_error (self, g_steal_pointer (&error));
    }
  else
    {
      job = g_task_get_task_data (task);
      drop_pages (self);
      g_clear_pointer (&self->ids, g_array_unref);
      self->ids = g_steal_pointer (&job->ids);
      self->days = g_steal_pointer (&job->days);
      self->n_items = self->ids ? MIN (self->ids->len, G_MAXUINT) : MIN (job->count, G_MAXUINT);
      self->total_minutes = job->minutes;
      {
        gint64 t0 = g_get_monotonic_time ();

        if (old != 0 || self->n_items != 0)
          g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
        g_debug ("%u rows from the worker, shown in %.1f ms", self->n_items,
                 (g_get_monotonic_time () - t0) / 1000.0);
      }
      if (self->error != NULL)
        {
          g_clear_error (&self->error);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
        }
    }
  self->change = MK_ENTRY_LIST_CHANGE_NONE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Asks the worker for the list's rows; the list keeps what it holds until
 * they come.  @change: why, for mk_entry_list_get_change(). */
static void
start_job (MkEntryList       *self,
           MkEntryListChange  change)
{
  guint mask = filter_mask (self);
  /* An order the index gives (the time, no search): the count and the
   * days are enough, the pages are read by offset as in a list that is
   * not asynchronous.  Else every row's id in order. */
  gboolean count_only = !wants_worker (self);
  gboolean from_totals = !(mask & (FILTER_SEARCH | FILTER_FOLDED | FILTER_BATCH | FILTER_TYPED));
  g_autoptr(GString) sql = g_string_new (!count_only ? "SELECT e.id, e.minutes FROM entry e"
                                         : from_totals ? totals_count_sql : count_sql);
  g_autoptr(GTask) task = NULL;
  gboolean was_busy = self->cancellable != NULL;
  Job *job;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = MAX (self->pending, change);

  if (count_only)
    {
      append_filters (sql, mask, from_totals ? totals_filter_sql : filter_sql);
    }
  else
    {
      if (self->sort == MK_ENTRY_SORT_PERSON)
        g_string_append (sql, select_person_sql);
      append_filters (sql, mask, filter_sql);
      g_string_append (sql, order_sql[self->sort][self->descending ? 1 : 0]);
    }

  job = g_new0 (Job, 1);
  job->path = g_strdup (mk_store_get_path (self->store));
  job->sql = g_string_free (g_steal_pointer (&sql), FALSE);
  job->days_sql = count_only ? days_sql (self) : NULL;
  job->filters.person_id = self->person_id;
  job->filters.category_id = self->category_id;
  job->filters.batch_id = self->batch_id;
  job->filters.from = g_strdup (self->from);
  job->filters.to = g_strdup (self->to);
  job->filters.search = g_strdup (self->search);

  /* No source object: the list must not be touched, nor its last
   * reference dropped, in the worker.  Its dispose cancels the request. */
  task = g_task_new (NULL, self->cancellable, job_done_cb, self);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Back to reading pages by offset: the running request, if any, is
 * forgotten. */
static void
stop_job (MkEntryList *self)
{
  g_clear_pointer (&self->ids, g_array_unref);
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->pending = MK_ENTRY_LIST_CHANGE_NONE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Re-reads the list after @change: in the worker when it costs too much. */
static void
reread (MkEntryList       *self,
        MkEntryListChange  change)
{
  guint old = self->n_items;

  g_autoptr(GError) failed = NULL;

  /* An asynchronous list counts even a commit in the time order in the
   * worker (the day totals' rows and the days: 40-110 ms of the main
   * thread at a million entries); it holds its rows meanwhile. */
  if (self->async)
    {
      start_job (self, change);
      return;
    }
  stop_job (self);

  /* A new try: the failure stays only if this one fails too. */
  failed = g_steal_pointer (&self->error);
  drop_pages (self);
  {
    gint64 t0 = g_get_monotonic_time (), t1;

    recount (self);
    t1 = g_get_monotonic_time ();
    self->change = change;
    if (old != 0 || self->n_items != 0)
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
    self->change = MK_ENTRY_LIST_CHANGE_NONE;
    g_debug ("%u rows counted in %.1f ms, shown in %.1f ms", self->n_items,
             (t1 - t0) / 1000.0, (g_get_monotonic_time () - t1) / 1000.0);
  }
  if (failed != NULL && self->error == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * mk_entry_list_refresh:
 * @self: a list
 *
 * Re-reads the count and drops cached pages; views are told that every
 * item may have changed.  An asynchronous list re-reads in its worker, as
 * mk_entry_list_catch_up() does: it is #MkEntryList:busy until the new
 * rows come.
 */
void
mk_entry_list_refresh (MkEntryList *self)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  reread (self, MK_ENTRY_LIST_CHANGE_COMMIT);
}

/**
 * mk_entry_list_catch_up:
 * @self: a list
 *
 * Re-reads the list after commits it did not follow (its view stopped it
 * listening to the store while hidden).  An asynchronous list counts
 * them in its worker even in the time order (~40 ms at a million
 * entries), keeps what it holds meanwhile and is #MkEntryList:busy; the
 * new rows come in one "items-changed" told as
 * %MK_ENTRY_LIST_CHANGE_COMMIT.  A synchronous list re-reads at once.
 */
void
mk_entry_list_catch_up (MkEntryList *self)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  if (self->async)
    start_job (self, MK_ENTRY_LIST_CHANGE_COMMIT);
  else
    reread (self, MK_ENTRY_LIST_CHANGE_COMMIT);
}

/**
 * mk_entry_list_set_person:
 * @self: a list
 * @person_id: a person, or 0 for everyone
 */
void
mk_entry_list_set_person (MkEntryList *self,
                          gint64       person_id)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  if (self->person_id == person_id)
    return;
  self->person_id = person_id;
  reread (self, MK_ENTRY_LIST_CHANGE_FILTER);
}

/**
 * mk_entry_list_set_category:
 * @self: a list
 * @category_id: a category, or 0 for all
 */
void
mk_entry_list_set_category (MkEntryList *self,
                            gint64       category_id)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  if (self->category_id == category_id)
    return;
  self->category_id = category_id;
  reread (self, MK_ENTRY_LIST_CHANGE_FILTER);
}

/**
 * mk_entry_list_set_source:
 * @self: a list
 * @batch_id: an import's batch id for its entries only, 0 for the entries
 *   typed or timed (not imported), -1 for all
 */
void
mk_entry_list_set_source (MkEntryList *self,
                          gint64       batch_id)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  batch_id = MAX (batch_id, -1);
  if (self->batch_id == batch_id)
    return;
  self->batch_id = batch_id;
  reread (self, MK_ENTRY_LIST_CHANGE_FILTER);
}

/**
 * mk_entry_list_set_range:
 * @self: a list
 * @from: (nullable): first day, or %NULL for no lower bound
 * @to: (nullable): last day, or %NULL for no upper bound
 */
void
mk_entry_list_set_range (MkEntryList *self,
                         const char  *from,
                         const char  *to)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  if (g_strcmp0 (self->from, from) == 0 && g_strcmp0 (self->to, to) == 0)
    return;
  g_free (self->from);
  g_free (self->to);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  reread (self, MK_ENTRY_LIST_CHANGE_FILTER);
}

/**
 * mk_entry_list_set_search:
 * @self: a list
 * @text: (nullable): words the task must contain, or %NULL / "" for all
 *
 * Matches the task text anywhere, ignoring case in any language ("помощь"
 * finds "Помощь коллеге").
 */
void
mk_entry_list_set_search (MkEntryList *self,
                          const char  *text)
{
  g_autoptr(GString) pattern = NULL;

  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  if (text != NULL && *text != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);

      pattern = g_string_new ("%");
      for (const char *p = folded; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
    }
  if (g_strcmp0 (self->search, pattern ? pattern->str : NULL) == 0)
    return;
  g_free (self->search);
  self->search = pattern ? g_string_free (g_steal_pointer (&pattern), FALSE) : NULL;
  reread (self, MK_ENTRY_LIST_CHANGE_FILTER);
}

/**
 * mk_entry_list_set_sort:
 * @self: a list
 * @sort: the column to sort by
 * @descending: largest or latest first
 */
void
mk_entry_list_set_sort (MkEntryList *self,
                        MkEntrySort  sort,
                        gboolean     descending)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));
  g_return_if_fail (sort <= MK_ENTRY_SORT_TASK);

  if (self->sort == sort && self->descending == !!descending)
    return;
  self->sort = sort;
  self->descending = !!descending;
  if (self->async || self->ids != NULL)
    {
      reread (self, MK_ENTRY_LIST_CHANGE_REORDER);
      return;
    }
  /* The same rows in another order: no need to count them again. */
  drop_pages (self);
  self->change = MK_ENTRY_LIST_CHANGE_REORDER;
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
  self->change = MK_ENTRY_LIST_CHANGE_NONE;
}

/**
 * mk_entry_list_set_async:
 * @self: a list
 * @async: whether searches, orders without an index and new filters are
 *   read in a worker thread
 *
 * An asynchronous list never makes its caller wait for a search, a sort or
 * a count over the whole table: it keeps what it holds, is
 * #MkEntryList:busy, and replaces its items when the worker is done (a
 * commit in the time order is still counted at once).  Only a list on a database
 * file can be; a synchronous one (the default) has its new items when the
 * setter returns.
 */
void
mk_entry_list_set_async (MkEntryList *self,
                         gboolean     async)
{
  g_return_if_fail (MK_IS_ENTRY_LIST (self));

  async = async && mk_store_get_path (self->store) != NULL &&
          g_file_test (mk_store_get_path (self->store), G_FILE_TEST_IS_REGULAR);
  if (self->async == async)
    return;
  self->async = async;
  if (wants_worker (self) || self->ids != NULL)
    reread (self, MK_ENTRY_LIST_CHANGE_COMMIT);
}

/**
 * mk_entry_list_get_busy:
 * @self: a list
 *
 * Returns: whether a worker is reading the list's rows (see
 *   #MkEntryList:busy).
 */
gboolean
mk_entry_list_get_busy (MkEntryList *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_LIST (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * mk_entry_list_get_change:
 * @self: a list
 *
 * Returns: during the list's "items-changed", why it changed: the same rows
 *   in a new order, a commit in the store, or other filters; otherwise
 *   %MK_ENTRY_LIST_CHANGE_NONE.
 */
MkEntryListChange
mk_entry_list_get_change (MkEntryList *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_LIST (self), MK_ENTRY_LIST_CHANGE_NONE);
  return self->change;
}

/**
 * mk_entry_list_holds:
 * @self: a list
 * @entry_id: an entry
 *
 * Asks the database, with the list's filters, about one entry: one lookup
 * by primary key.  A selection kept by id uses it after a commit to drop
 * the entries that were deleted or edited out of the list.
 *
 * Returns: whether the entry exists and the list's filters let it through.
 */
gboolean
mk_entry_list_holds (MkEntryList *self,
                     gint64       entry_id)
{
  sqlite3_stmt *stmt;
  GError *error = NULL;
  gboolean holds = FALSE;

  g_return_val_if_fail (MK_IS_ENTRY_LIST (self), FALSE);

  stmt = statement (self, TRUE, FALSE, TRUE);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), entry_id);
  switch (mk_store_step (self->store, stmt, &error))
    {
    case MK_STORE_ROW:
      holds = sqlite3_column_int64 (stmt, 0) > 0;
      sqlite3_reset (stmt);
      break;
    case MK_STORE_FAILED:
      set_error (self, error);
      break;
    case MK_STORE_DONE:
    default:
      break;
    }
  return holds;
}

/**
 * mk_entry_list_get_error:
 * @self: a list
 *
 * Returns: (transfer none) (nullable): why the last read failed (see
 *   #MkEntryList:error), or %NULL.
 */
const GError *
mk_entry_list_get_error (MkEntryList *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_LIST (self), NULL);
  return self->error;
}

/**
 * mk_entry_list_get_total_minutes:
 * @self: a list
 *
 * Returns: the minutes of all entries the list holds (not only the pages read).
 */
gint64
mk_entry_list_get_total_minutes (MkEntryList *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_LIST (self), 0);
  return self->total_minutes;
}
