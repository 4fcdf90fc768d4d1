/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-domain.c — people, categories and entries as immutable snapshots.
 *
 * Each object is made by the store from one row and never changes
 * afterwards; an edit goes through MkStore and produces a new object.
 * Properties are read-only and exist so that list widgets can bind to them.
 */
#define G_LOG_DOMAIN "mk-domain"

#include "config.h"

#include <string.h>

#include "mk-domain.h"

/* Enumerations */

static const char *category_class_names[] = { "selling", "supporting", "non_selling" };
static const char *level_names[] = { "", "junior", "middle", "senior" };
static const char *source_names[] = { "manual", "timer", "import" };

/**
 * mk_category_kind_to_string:
 * @klass: a category class
 *
 * Returns: (transfer none): the stable name stored in the database.
 */
const char *
mk_category_kind_to_string (MkCategoryKind klass)
{
  g_return_val_if_fail (klass <= MK_CATEGORY_KIND_NON_SELLING, NULL);
  return category_class_names[klass];
}

/**
 * mk_category_kind_from_string:
 * @text: a stable class name ("selling", "supporting", "non_selling")
 * @klass: (out): where to store the class
 *
 * Returns: %TRUE if @text names a class.
 */
gboolean
mk_category_kind_from_string (const char      *text,
                               MkCategoryKind *klass)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_class_names); i++)
    if (g_strcmp0 (text, category_class_names[i]) == 0)
      {
        *klass = (MkCategoryKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mk_level_to_string:
 * @level: a level
 *
 * Returns: (transfer none): "junior", "middle", "senior", or "" for none.
 */
const char *
mk_level_to_string (MkLevel level)
{
  g_return_val_if_fail (level <= MK_LEVEL_SENIOR, NULL);
  return level_names[level];
}

/**
 * mk_level_from_string:
 * @text: (nullable): "junior", "middle", "senior", "" or %NULL
 * @level: (out): where to store the level
 *
 * Returns: %TRUE if @text names a level (empty and %NULL mean none).
 */
gboolean
mk_level_from_string (const char *text,
                      MkLevel    *level)
{
  if (text == NULL || *text == '\0')
    {
      *level = MK_LEVEL_NONE;
      return TRUE;
    }
  for (guint i = 1; i < G_N_ELEMENTS (level_names); i++)
    if (g_ascii_strcasecmp (text, level_names[i]) == 0)
      {
        *level = (MkLevel) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mk_entry_source_to_string:
 * @source: a source
 *
 * Returns: (transfer none): "manual", "timer" or "import".
 */
const char *
mk_entry_source_to_string (MkEntrySource source)
{
  g_return_val_if_fail (source <= MK_ENTRY_SOURCE_IMPORT, NULL);
  return source_names[source];
}

/* MkPerson */

struct _MkPerson
{
  GObject   parent_instance;
  gint64    id;
  char     *name;
  char     *email;
  char     *team;
  MkLevel   level;
  gboolean  archived;
};

G_DEFINE_FINAL_TYPE (MkPerson, mk_person, G_TYPE_OBJECT)

enum { PERSON_PROP_0, PERSON_PROP_ID, PERSON_PROP_NAME, PERSON_PROP_EMAIL, PERSON_N_PROPS };
static GParamSpec *person_props[PERSON_N_PROPS];

static void
mk_person_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MkPerson *self = MK_PERSON (object);

  switch (prop_id)
    {
    case PERSON_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PERSON_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PERSON_PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_person_finalize (GObject *object)
{
  MkPerson *self = MK_PERSON (object);

  g_free (self->name);
  g_free (self->email);
  g_free (self->team);
  G_OBJECT_CLASS (mk_person_parent_class)->finalize (object);
}

static void
mk_person_class_init (MkPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mk_person_get_property;
  object_class->finalize = mk_person_finalize;

  person_props[PERSON_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  person_props[PERSON_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  person_props[PERSON_PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PERSON_N_PROPS, person_props);
}

static void
mk_person_init (MkPerson *self)
{
}

/**
 * mk_person_new:
 *
 * Returns: (transfer full): a snapshot of one person row.
 */
MkPerson *
mk_person_new (gint64      id,
               const char *name,
               const char *email,
               MkLevel     level,
               const char *team,
               gboolean    archived)
{
  MkPerson *self = g_object_new (MK_TYPE_PERSON, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->email = g_strdup (email);
  self->level = level;
  self->team = g_strdup (team);
  self->archived = archived;
  return self;
}

gint64 mk_person_get_id (MkPerson *self) { return self->id; }
const char *mk_person_get_name (MkPerson *self) { return self->name; }
const char *mk_person_get_email (MkPerson *self) { return self->email; }
MkLevel mk_person_get_level (MkPerson *self) { return self->level; }
const char *mk_person_get_team (MkPerson *self) { return self->team; }
gboolean mk_person_get_archived (MkPerson *self) { return self->archived; }

/* MkCategory */

struct _MkCategory
{
  GObject          parent_instance;
  gint64           id;
  char            *key;
  char            *name;
  char            *color;
  MkCategoryKind  klass;
  double           target_min;
  double           target_max;
  int              sort_order;
  gboolean         archived;
};

G_DEFINE_FINAL_TYPE (MkCategory, mk_category, G_TYPE_OBJECT)

enum {
  CATEGORY_PROP_0,
  CATEGORY_PROP_ID,
  CATEGORY_PROP_KEY,
  CATEGORY_PROP_NAME,
  CATEGORY_PROP_COLOR,
  CATEGORY_N_PROPS
};
static GParamSpec *category_props[CATEGORY_N_PROPS];

static void
mk_category_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MkCategory *self = MK_CATEGORY (object);

  switch (prop_id)
    {
    case CATEGORY_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case CATEGORY_PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case CATEGORY_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case CATEGORY_PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_category_finalize (GObject *object)
{
  MkCategory *self = MK_CATEGORY (object);

  g_free (self->key);
  g_free (self->name);
  g_free (self->color);
  G_OBJECT_CLASS (mk_category_parent_class)->finalize (object);
}

static void
mk_category_class_init (MkCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mk_category_get_property;
  object_class->finalize = mk_category_finalize;

  category_props[CATEGORY_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  category_props[CATEGORY_PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  category_props[CATEGORY_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  category_props[CATEGORY_PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CATEGORY_N_PROPS, category_props);
}

static void
mk_category_init (MkCategory *self)
{
}

/**
 * mk_target_band_normalize:
 * @target_min: (inout): the lowest healthy share (0..1), or negative for none
 * @target_max: (inout): the highest healthy share (0..1), or negative for none
 *
 * The rule for target bands, in one place: a lower bound of 0 % or less and
 * an upper bound of 100 % or more are no bound at all (no share can fall
 * outside them), and no bound is -1.  The store writes bands this way, a
 * category and the analysis read them this way, and a band is shown this
 * way ("target ≤ 20%", never "target 0–20%").
 */
void
mk_target_band_normalize (double *target_min,
                          double *target_max)
{
  g_return_if_fail (target_min != NULL && target_max != NULL);

  if (*target_min <= 0)
    *target_min = -1;
  if (*target_max < 0 || *target_max >= 1)
    *target_max = -1;
}

/**
 * mk_category_new:
 * @target_min: the lowest healthy share (0..1), or a negative value for none
 * @target_max: the highest healthy share (0..1), or a negative value for none
 *
 * The band is kept as mk_target_band_normalize() says.
 *
 * Returns: (transfer full): a snapshot of one category row.
 */
MkCategory *
mk_category_new (gint64          id,
                 const char     *key,
                 const char     *name,
                 const char     *color,
                 MkCategoryKind klass,
                 double          target_min,
                 double          target_max,
                 int             sort_order,
                 gboolean        archived)
{
  MkCategory *self = g_object_new (MK_TYPE_CATEGORY, NULL);

  self->id = id;
  self->key = g_strdup (key);
  self->name = g_strdup (name);
  self->color = g_strdup (color);
  self->klass = klass;
  mk_target_band_normalize (&target_min, &target_max);
  self->target_min = target_min;
  self->target_max = target_max;
  self->sort_order = sort_order;
  self->archived = archived;
  return self;
}

gint64 mk_category_get_id (MkCategory *self) { return self->id; }
const char *mk_category_get_key (MkCategory *self) { return self->key; }
const char *mk_category_get_name (MkCategory *self) { return self->name; }
const char *mk_category_get_color (MkCategory *self) { return self->color; }
MkCategoryKind mk_category_get_kind (MkCategory *self) { return self->klass; }
double mk_category_get_target_min (MkCategory *self) { return self->target_min; }
double mk_category_get_target_max (MkCategory *self) { return self->target_max; }
int mk_category_get_sort_order (MkCategory *self) { return self->sort_order; }
gboolean mk_category_get_archived (MkCategory *self) { return self->archived; }

/* MkEntry */

struct _MkEntry
{
  GObject        parent_instance;
  gint64         id;
  gint64         person_id;
  char          *person_name;
  char          *day;
  int            start;
  int            minutes;
  MkCategory    *category;
  char          *task;
  MkEntrySource  source;
  gint64         batch_id;
  gint64         fingerprint;
  char           uuid[MK_UUID_TEXT_LEN + 1];
  char          *sent_by;
};

G_DEFINE_FINAL_TYPE (MkEntry, mk_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_ID,
  ENTRY_PROP_PERSON_NAME,
  ENTRY_PROP_DAY,
  ENTRY_PROP_START,
  ENTRY_PROP_MINUTES,
  ENTRY_PROP_CATEGORY,
  ENTRY_PROP_TASK,
  ENTRY_PROP_UUID,
  ENTRY_N_PROPS
};
static GParamSpec *entry_props[ENTRY_N_PROPS];

static void
mk_entry_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MkEntry *self = MK_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ENTRY_PROP_PERSON_NAME:
      g_value_set_string (value, self->person_name);
      break;
    case ENTRY_PROP_DAY:
      g_value_set_string (value, self->day);
      break;
    case ENTRY_PROP_START:
      g_value_set_int (value, self->start);
      break;
    case ENTRY_PROP_MINUTES:
      g_value_set_int (value, self->minutes);
      break;
    case ENTRY_PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;
    case ENTRY_PROP_TASK:
      g_value_set_string (value, self->task);
      break;
    case ENTRY_PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_entry_finalize (GObject *object)
{
  MkEntry *self = MK_ENTRY (object);

  g_free (self->person_name);
  g_free (self->day);
  g_free (self->task);
  g_free (self->sent_by);
  g_clear_object (&self->category);
  G_OBJECT_CLASS (mk_entry_parent_class)->finalize (object);
}

static void
mk_entry_class_init (MkEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mk_entry_get_property;
  object_class->finalize = mk_entry_finalize;

  entry_props[ENTRY_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_PERSON_NAME] =
    g_param_spec_string ("person-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_DAY] =
    g_param_spec_string ("day", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_START] =
    g_param_spec_int ("start", NULL, NULL, -1, 24 * 60, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_MINUTES] =
    g_param_spec_int ("minutes", NULL, NULL, 0, 24 * 60, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_CATEGORY] =
    g_param_spec_object ("category", NULL, NULL, MK_TYPE_CATEGORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_TASK] =
    g_param_spec_string ("task", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_props);
}

static void
mk_entry_init (MkEntry *self)
{
}

/**
 * mk_entry_new:
 * @id: the row id
 * @input: the entry's values
 * @person_name: the person's display name
 * @category: the entry's category
 *
 * Returns: (transfer full): a snapshot of one entry row.
 */
MkEntry *
mk_entry_new (gint64              id,
              const MkEntryInput *input,
              const char         *person_name,
              MkCategory         *category)
{
  MkEntry *self = g_object_new (MK_TYPE_ENTRY, NULL);

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (MK_IS_CATEGORY (category), NULL);

  self->id = id;
  self->person_id = input->person_id;
  self->person_name = g_strdup (person_name);
  self->day = g_strdup (input->day);
  self->start = input->start;
  self->minutes = input->minutes;
  self->category = g_object_ref (category);
  self->task = g_strdup (input->task ? input->task : "");
  self->source = input->source;
  self->batch_id = input->batch_id;
  self->fingerprint = input->fingerprint;
  g_strlcpy (self->uuid, input->uuid, sizeof self->uuid);
  return self;
}

gint64 mk_entry_get_id (MkEntry *self) { return self->id; }
gint64 mk_entry_get_person_id (MkEntry *self) { return self->person_id; }
const char *mk_entry_get_person_name (MkEntry *self) { return self->person_name; }
const char *mk_entry_get_day (MkEntry *self) { return self->day; }
int mk_entry_get_start (MkEntry *self) { return self->start; }
int mk_entry_get_minutes (MkEntry *self) { return self->minutes; }
MkCategory *mk_entry_get_category (MkEntry *self) { return self->category; }
const char *mk_entry_get_task (MkEntry *self) { return self->task; }
MkEntrySource mk_entry_get_source (MkEntry *self) { return self->source; }
gint64 mk_entry_get_batch_id (MkEntry *self) { return self->batch_id; }

/**
 * mk_entry_get_uuid:
 * @self: an entry
 *
 * Returns: (transfer none): the entry's identity, which it keeps through
 *   changes, export, import and sync (see mk-uuid.c)
 */
const char *
mk_entry_get_uuid (MkEntry *self)
{
  g_return_val_if_fail (MK_IS_ENTRY (self), NULL);
  return self->uuid;
}

/**
 * mk_entry_get_sent_by:
 * @self: an entry
 *
 * Returns: (transfer none) (nullable): the team login that sent the entry
 *   to this database through the team's server, or %NULL for an entry
 *   made here (or not read with it: MkEntryList reads it).
 */
const char *
mk_entry_get_sent_by (MkEntry *self)
{
  g_return_val_if_fail (MK_IS_ENTRY (self), NULL);
  return self->sent_by;
}

/**
 * mk_entry_set_sent_by:
 * @self: an entry just made by the store
 * @login: (nullable): the team login that sent it
 *
 * For the store, which reads it with the entry.
 */
void
mk_entry_set_sent_by (MkEntry    *self,
                      const char *login)
{
  g_return_if_fail (MK_IS_ENTRY (self));
  g_free (self->sent_by);
  self->sent_by = g_strdup (login);
}

/**
 * mk_entry_to_input:
 * @self: an entry
 * @input: (out caller-allocates): filled with the entry's values; its
 *   strings point into @self and live as long as it does
 *
 * Used to put a deleted entry back (undo) or to edit a copy.
 */
void
mk_entry_to_input (MkEntry      *self,
                   MkEntryInput *input)
{
  g_return_if_fail (MK_IS_ENTRY (self));

  input->person_id = self->person_id;
  input->day = self->day;
  input->start = self->start;
  input->minutes = self->minutes;
  input->category_id = mk_category_get_id (self->category);
  input->task = self->task;
  input->source = self->source;
  input->batch_id = self->batch_id;
  input->fingerprint = self->fingerprint;
  memcpy (input->uuid, self->uuid, sizeof input->uuid);
}
