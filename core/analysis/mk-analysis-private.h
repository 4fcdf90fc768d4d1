/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-private.h — the insides of the analysis input and results,
 * shared by mk-analysis-input.c, mk-analysis.c, mk-analysis-result.c,
 * mk-analysis-engine.c, mk-analysis-team.c and mk-analysis-messages.c.
 * Nothing outside those files includes it.
 */
#pragma once

#include "mk-analysis.h"

G_BEGIN_DECLS

typedef struct {
  char            *key;
  char            *name;
  char            *color;
  MkCategoryKind  klass;
  double           target_min;   /* < 0: no lower bound */
  double           target_max;   /* < 0: no upper bound */
} MkInCategory;

/* One person × category: sums over the period and the entry lengths as
 * (minutes, count) pairs. */
typedef struct {
  gint64      minutes;
  gint64      entries;
  gint64      prime_minutes;
  gint64      timed_minutes;
  GArray     *lengths;           /* of MkLengthBin, or NULL */
  GHashTable *tasks;             /* task key → MkTopTask (minutes summed), or NULL */
} MkInCell;

/* One line of "what the time went on": a folded task text (mk-task-fold.h)
 * with its minutes and its share of the category's minutes. */
typedef struct {
  char   *key;
  char   *label;                 /* the key as it reads, CRM in capitals */
  gint64  minutes;
  gint64  entries;
  double  share;
} MkTopTask;

void       mk_top_task_free   (gpointer data);
GPtrArray *mk_top_tasks_pick  (GHashTable *tasks,
                               gint64      category_minutes);

typedef struct {
  int minutes;
  int count;
} MkLengthBin;

typedef struct {
  char       *name;
  char       *email;
  MkLevel     level;
  GHashTable *days;              /* set of "YYYY-MM-DD" */
  GPtrArray  *cells;             /* of MkInCell, index = category, grown on demand */
} MkInPerson;

struct _MkAnalysisInput {
  char      *from;
  char      *to;
  GPtrArray *categories;         /* of MkInCategory */
  GPtrArray *people;             /* of MkInPerson */
};

/* The cell of @person for @category, or NULL when nothing was added. */
const MkInCell *mk_analysis_input_peek_cell (const MkAnalysisInput *input,
                                             guint                  person,
                                             guint                  category);
double          mk_length_bins_median       (GArray                *bins);
void            mk_analysis_category_free   (gpointer               data);

struct _MkFinding {
  GObject        parent_instance;

  MkFindingKind  kind;
  MkSeverity     severity;
  char          *person_name;
  char          *category_key;   /* NULL when the finding is about no single category */
  double         value;
  double         median;
  double         target_min;
  double         target_max;
  double         deviation;
  char          *message;
  /* Team findings (person_name NULL): */
  double         minutes_per_manager;
  double         team_minutes;
  double         extra_calls;
  guint          n_managers;
};

struct _MkManagerResult {
  GObject      parent_instance;

  char        *name;
  char        *email;
  MkLevel      level;
  gboolean     peer_is_level;
  gboolean     adequate;
  gboolean     weak_sample;
  guint        days;
  int          minutes;
  double       minutes_per_day;
  double       coverage;
  guint        n_categories;
  int         *cat_minutes;
  int         *entries;
  int         *prime_minutes;
  int         *timed_minutes;
  double      *share;
  double      *median_length;
  double      *peer_median;
  double      *deviation;
  double       selling_share;
  double       non_selling_share;
  double       ns_prime_fraction;   /* NAN without timed non-selling minutes */
  int          ns_prime_minutes;
  double       reclaimable;
  double       extra_calls;
  double       reclaimable_vs_target;
  double      *target_gap;          /* per category: min/day outside the band */
  GPtrArray  **top_tasks;           /* per category: MkTopTask, most minutes first */
  guint        rank;
  GListStore  *findings;
};

MkFinding       *mk_finding_new        (MkFindingKind  kind,
                                        const char    *person_name,
                                        const char    *category_key);
MkManagerResult *mk_manager_result_new (const char    *name,
                                        const char    *email,
                                        MkLevel        level,
                                        guint          n_categories);

/* The peer group a manager is compared with. */
typedef struct {
  MkLevel  level;                /* MK_LEVEL_NONE: the whole team */
  guint    n;                    /* managers the medians are over */
  double  *median;               /* per category */
  double  *mad;                  /* per category, scaled and floored */
  double   selling_median;
  double   selling_mad;
  double   non_selling_median;
  double   non_selling_mad;
  double   timing_median;        /* NAN when nobody has timed non-selling work */
} MkPeerStats;

struct _MkAnalysis {
  GObject      parent_instance;

  char        *from;
  char        *to;
  MkPeerMode   mode;
  MkSettings   settings;
  GPtrArray   *categories;        /* of MkInCategory, copied from the input */
  MkPeerStats  team;
  GPtrArray   *level_stats;       /* of MkPeerStats*, levels with their own peer group */
  gint64      *team_minutes;      /* per category */
  GListStore  *managers;          /* of MkManagerResult, in input order */
  GListStore  *ranking;           /* the same, by reclaimable time */
  GListStore  *findings;          /* of MkFinding, every manager's */
  GListStore  *team_findings;     /* of MkFinding, about the whole team */
  GPtrArray  **top_tasks;         /* per category: MkTopTask over everyone */
  guint        n_adequate;
  gboolean     medians_from_weak;
  gint64       total_minutes;
  guint        total_days;
  double       selling_share;
  double       non_selling_share;
  double       supporting_share;
  double       reclaimable;
  double       extra_calls;
  int          calls_category;    /* -1 when there is none */
  double       team_call_length;  /* 0 when unknown */
  char        *summary;
};

/* Messages: mk-analysis-messages.c */
typedef enum {
  MK_RECLAIM_TO_SELLING,         /* "≈ 95 min a day could go to calls" (peers) */
  MK_RECLAIM_ABOVE_TARGET,       /* "≈ 95 min a day above the target" */
  MK_RECLAIM_BELOW_TARGET,       /* "≈ 40 min a day short of the target" */
} MkReclaimWording;

typedef struct {
  const char       *person;
  const char       *category;       /* display name, as used mid-sentence */
  const char       *calls_category; /* display name of the calls category, or NULL */
  MkLevel           peer_level;     /* MK_LEVEL_NONE: the team */
  double            reclaim;        /* min/day this finding is about, 0 for none */
  MkReclaimWording  wording;
  double            call_length;    /* median call length, 0 when unknown */
  GPtrArray        *items;          /* MkTopTask of the category, or NULL */
} MkMessageContext;

char *mk_analysis_message_share       (const MkMessageContext *ctx,
                                       const MkFinding        *finding,
                                       gboolean                with_median);
char *mk_analysis_message_priorities  (const MkMessageContext *ctx,
                                       const MkFinding        *finding,
                                       double                  selling,
                                       double                  selling_median);
char *mk_analysis_message_timing      (const MkMessageContext *ctx,
                                       const MkFinding        *finding,
                                       double                  prime_per_day);
char *mk_analysis_message_sample      (const MkMessageContext *ctx,
                                       guint                   days,
                                       guint                   min_days,
                                       double                  coverage);
char *mk_analysis_message_uncategorised (const MkMessageContext *ctx,
                                         const MkFinding        *finding);
char *mk_analysis_message_team_target (MkAnalysis      *self,
                                       const MkFinding *finding,
                                       guint            category);
char *mk_analysis_message_team_selling (MkAnalysis      *self,
                                        const MkFinding *finding);
char *mk_analysis_category_mid_sentence (const char *name);
char *mk_analysis_summary             (MkAnalysis *self);

/* Team findings and top tasks: mk-analysis-team.c */
void  mk_analysis_team_findings       (MkAnalysis *self,
                                       GPtrArray  *pool);
void  mk_analysis_team_top_tasks      (MkAnalysis            *self,
                                       const MkAnalysisInput *input);

G_END_DECLS
