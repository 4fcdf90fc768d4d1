/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis.h — where the team's working day goes, and who spends it on
 * the wrong things.
 *
 * The engine is pure: it takes an MkAnalysisInput (rollups per person ×
 * day × category plus a histogram of entry lengths, built by hand in a test
 * or by mk_analysis_input_new_from_store()) and the MkSettings, and returns
 * an immutable MkAnalysis.  It never reads the database and never scans
 * entries, so its cost follows people × days × categories.
 *
 * Fractions (shares, coverage, targets) are 0..1 throughout; a target bound
 * or a number that does not apply is negative (bounds) or NAN (numbers).
 */
#pragma once

#include <glib-object.h>

#include "mk-domain.h"
#include "mk-store.h"
#include "mk-types.h"

G_BEGIN_DECLS

/**
 * MkPeerMode:
 * @MK_PEER_MODE_TEAM: every manager is compared with the whole team.
 * @MK_PEER_MODE_LEVEL: a manager whose level has at least three managers
 *   with an adequate sample is compared with that level; the others with
 *   the whole team.
 */
typedef enum {
  MK_PEER_MODE_TEAM,
  MK_PEER_MODE_LEVEL,
} MkPeerMode;

/**
 * MkFindingKind:
 * @MK_FINDING_OVER: a category's share is well above the peer median.
 * @MK_FINDING_UNDER: a category's share is well below the peer median.
 * @MK_FINDING_TARGET: a category's share is outside its target band.
 * @MK_FINDING_PRIORITIES: more non-selling and less selling than the peers at once.
 * @MK_FINDING_TIMING: non-selling work put in the prime selling hours.
 * @MK_FINDING_SAMPLE: too few days or too little of the day logged.
 * @MK_FINDING_UNCATEGORISED: too much time in `other`.
 * @MK_FINDING_TEAM_TARGET: the team's median share of a category is outside
 *   its target band by at least the over/under threshold (a team finding).
 * @MK_FINDING_TEAM_SELLING: the team's selling share is below what the
 *   reference studies found in practice (a team finding).
 */
typedef enum {
  MK_FINDING_OVER,
  MK_FINDING_UNDER,
  MK_FINDING_TARGET,
  MK_FINDING_PRIORITIES,
  MK_FINDING_TIMING,
  MK_FINDING_SAMPLE,
  MK_FINDING_UNCATEGORISED,
  MK_FINDING_TEAM_TARGET,
  MK_FINDING_TEAM_SELLING,
} MkFindingKind;

/**
 * MkSeverity:
 * @MK_SEVERITY_INFO: worth knowing, not a problem (more calls than the team).
 * @MK_SEVERITY_WARNING: time goes to the wrong place.
 * @MK_SEVERITY_CRITICAL: a large misallocation (twice the threshold or more).
 */
typedef enum {
  MK_SEVERITY_INFO,
  MK_SEVERITY_WARNING,
  MK_SEVERITY_CRITICAL,
} MkSeverity;

/* How many task texts "what the time went on" keeps per category. */
#define MK_ANALYSIS_TOP_TASKS 5

/* Reference profiles of sales time studies, as fractions of the day. */
#define MK_REFERENCE_PROUDFOOT_SELLING 0.38
#define MK_REFERENCE_PROUDFOOT_IDEAL   0.72
#define MK_REFERENCE_CSO_SELLING       0.41

/* The smallest robust deviation used to scale a difference, so that a
 * one-manager team (or a team that agrees exactly) does not divide by zero. */
#define MK_ANALYSIS_MAD_FLOOR 0.02

const char *mk_finding_kind_to_string   (MkFindingKind kind);
const char *mk_severity_to_string       (MkSeverity    severity);

/* Input */

typedef struct _MkAnalysisInput MkAnalysisInput;

MkAnalysisInput *mk_analysis_input_new          (const char      *from,
                                                 const char      *to);
void             mk_analysis_input_free         (MkAnalysisInput *input);
void             mk_analysis_input_set_period   (MkAnalysisInput *input,
                                                 const char      *from,
                                                 const char      *to);
guint            mk_analysis_input_add_category (MkAnalysisInput *input,
                                                 const char      *key,
                                                 const char      *name,
                                                 const char      *color,
                                                 MkCategoryKind  klass,
                                                 double           target_min,
                                                 double           target_max);
guint            mk_analysis_input_add_person   (MkAnalysisInput *input,
                                                 const char      *name,
                                                 const char      *email,
                                                 MkLevel          level);
void             mk_analysis_input_add_day      (MkAnalysisInput *input,
                                                 guint            person,
                                                 const char      *day,
                                                 guint            category,
                                                 int              minutes,
                                                 int              n_entries,
                                                 int              prime_minutes,
                                                 int              timed_minutes);
void             mk_analysis_input_add_length   (MkAnalysisInput *input,
                                                 guint            person,
                                                 guint            category,
                                                 int              minutes,
                                                 int              count);
void             mk_analysis_input_add_task     (MkAnalysisInput *input,
                                                 guint            person,
                                                 guint            category,
                                                 const char      *key,
                                                 const char      *label,
                                                 int              minutes,
                                                 int              entries);
guint            mk_analysis_input_get_n_people (MkAnalysisInput *input);
int              mk_analysis_input_find_category (MkAnalysisInput *input,
                                                  const char      *key);
int              mk_analysis_input_find_person  (MkAnalysisInput *input,
                                                 const char      *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkAnalysisInput, mk_analysis_input_free)

MkAnalysisInput *mk_analysis_input_new_from_store (MkStore     *store,
                                                   const char  *from,
                                                   const char  *to,
                                                   GError     **error);
MkAnalysisInput *mk_analysis_input_new_mine       (const MkAnalysisInput *mine,
                                                   const char            *me,
                                                   const MkAnalysisInput *team);

/* Findings */

#define MK_TYPE_FINDING (mk_finding_get_type ())
G_DECLARE_FINAL_TYPE (MkFinding, mk_finding, MK, FINDING, GObject)

MkFindingKind  mk_finding_get_kind         (MkFinding *self);
const char    *mk_finding_get_person_name  (MkFinding *self);
const char    *mk_finding_get_category_key (MkFinding *self);
MkSeverity     mk_finding_get_severity     (MkFinding *self);
double         mk_finding_get_value        (MkFinding *self);
double         mk_finding_get_median       (MkFinding *self);
double         mk_finding_get_target_min   (MkFinding *self);
double         mk_finding_get_target_max   (MkFinding *self);
double         mk_finding_get_deviation    (MkFinding *self);
const char    *mk_finding_get_message      (MkFinding *self);
gboolean       mk_finding_is_team          (MkFinding *self);
double         mk_finding_get_minutes_per_manager_per_day (MkFinding *self);
double         mk_finding_get_team_minutes_per_day        (MkFinding *self);
double         mk_finding_get_extra_calls_per_day         (MkFinding *self);
guint          mk_finding_get_n_managers                  (MkFinding *self);

/* One manager */

#define MK_TYPE_MANAGER_RESULT (mk_manager_result_get_type ())
G_DECLARE_FINAL_TYPE (MkManagerResult, mk_manager_result, MK, MANAGER_RESULT, GObject)

const char *mk_manager_result_get_name                 (MkManagerResult *self);
const char *mk_manager_result_get_email                (MkManagerResult *self);
MkLevel     mk_manager_result_get_level                (MkManagerResult *self);
gboolean    mk_manager_result_get_peer_is_level        (MkManagerResult *self);
guint       mk_manager_result_get_days                 (MkManagerResult *self);
int         mk_manager_result_get_minutes              (MkManagerResult *self);
double      mk_manager_result_get_minutes_per_day      (MkManagerResult *self);
double      mk_manager_result_get_coverage             (MkManagerResult *self);
gboolean    mk_manager_result_get_weak_sample          (MkManagerResult *self);
int         mk_manager_result_get_category_minutes     (MkManagerResult *self,
                                                        guint            category);
double      mk_manager_result_get_share                (MkManagerResult *self,
                                                        guint            category);
int         mk_manager_result_get_entries              (MkManagerResult *self,
                                                        guint            category);
double      mk_manager_result_get_median_length        (MkManagerResult *self,
                                                        guint            category);
int         mk_manager_result_get_prime_minutes        (MkManagerResult *self,
                                                        guint            category);
double      mk_manager_result_get_peer_median          (MkManagerResult *self,
                                                        guint            category);
double      mk_manager_result_get_deviation            (MkManagerResult *self,
                                                        guint            category);
double      mk_manager_result_get_selling_share        (MkManagerResult *self);
double      mk_manager_result_get_reclaimable_per_day  (MkManagerResult *self);
double      mk_manager_result_get_reclaimable_vs_target_per_day (MkManagerResult *self);
double      mk_manager_result_get_target_gap_per_day   (MkManagerResult *self,
                                                        guint            category);
guint       mk_manager_result_get_n_top_tasks          (MkManagerResult *self,
                                                        guint            category);
const char *mk_manager_result_get_top_task             (MkManagerResult *self,
                                                        guint            category,
                                                        guint            index,
                                                        int             *minutes,
                                                        double          *share);
double      mk_manager_result_get_extra_calls_per_day  (MkManagerResult *self);
guint       mk_manager_result_get_rank                 (MkManagerResult *self);
char       *mk_manager_result_describe_reclaim         (MkManagerResult *self);
char       *mk_manager_result_describe_vs_target       (MkManagerResult *self);
GListModel *mk_manager_result_get_findings             (MkManagerResult *self);
MkFinding  *mk_manager_result_find                     (MkManagerResult *self,
                                                        MkFindingKind    kind,
                                                        const char      *category_key);

/* The whole analysis */

#define MK_TYPE_ANALYSIS (mk_analysis_get_type ())
G_DECLARE_FINAL_TYPE (MkAnalysis, mk_analysis, MK, ANALYSIS, GObject)

MkAnalysis      *mk_analysis_new                   (const MkAnalysisInput *input,
                                                    const MkSettings      *settings,
                                                    MkPeerMode             mode);
const char      *mk_analysis_get_from              (MkAnalysis *self);
const char      *mk_analysis_get_to                (MkAnalysis *self);
MkPeerMode       mk_analysis_get_peer_mode         (MkAnalysis *self);
const MkSettings *mk_analysis_get_settings         (MkAnalysis *self);
gboolean         mk_analysis_is_empty              (MkAnalysis *self);

guint            mk_analysis_get_n_categories      (MkAnalysis *self);
int              mk_analysis_find_category         (MkAnalysis *self,
                                                    const char *key);
const char      *mk_analysis_get_category_key      (MkAnalysis *self,
                                                    guint       category);
const char      *mk_analysis_get_category_name     (MkAnalysis *self,
                                                    guint       category);
const char      *mk_analysis_get_category_color    (MkAnalysis *self,
                                                    guint       category);
MkCategoryKind  mk_analysis_get_category_class    (MkAnalysis *self,
                                                    guint       category);
double           mk_analysis_get_category_target_min (MkAnalysis *self,
                                                      guint       category);
double           mk_analysis_get_category_target_max (MkAnalysis *self,
                                                      guint       category);
double           mk_analysis_get_team_median       (MkAnalysis *self,
                                                    guint       category);
double           mk_analysis_get_team_mad          (MkAnalysis *self,
                                                    guint       category);
int              mk_analysis_get_team_minutes      (MkAnalysis *self,
                                                    guint       category);
double           mk_analysis_get_team_share        (MkAnalysis *self,
                                                    guint       category);

GListModel      *mk_analysis_get_managers          (MkAnalysis *self);
MkManagerResult *mk_analysis_find_manager          (MkAnalysis *self,
                                                    const char *name);
GListModel      *mk_analysis_get_ranking           (MkAnalysis *self);
GListModel      *mk_analysis_get_findings          (MkAnalysis *self);
GListModel      *mk_analysis_get_team_findings     (MkAnalysis *self);
MkFinding       *mk_analysis_find_team_finding     (MkAnalysis    *self,
                                                    MkFindingKind  kind,
                                                    const char    *category_key);
guint            mk_analysis_get_n_top_tasks       (MkAnalysis *self,
                                                    guint       category);
const char      *mk_analysis_get_top_task          (MkAnalysis *self,
                                                    guint       category,
                                                    guint       index,
                                                    int        *minutes,
                                                    double     *share);
char            *mk_analysis_top_task_label        (const char *text);
double           mk_analysis_get_call_length       (MkAnalysis *self);
guint            mk_analysis_get_n_adequate        (MkAnalysis *self);
gboolean         mk_analysis_get_medians_from_weak (MkAnalysis *self);
gint64           mk_analysis_get_total_minutes     (MkAnalysis *self);
guint            mk_analysis_get_total_days        (MkAnalysis *self);
double           mk_analysis_get_selling_share     (MkAnalysis *self);
double           mk_analysis_get_non_selling_share (MkAnalysis *self);
double           mk_analysis_get_supporting_share  (MkAnalysis *self);
double           mk_analysis_get_reclaimable_per_day (MkAnalysis *self);
double           mk_analysis_get_extra_calls_per_day (MkAnalysis *self);
const char      *mk_analysis_get_summary           (MkAnalysis *self);

/* From the store: mk-analysis-load.c */
MkAnalysis      *mk_analysis_new_for_store         (MkStore     *store,
                                                    const char  *from,
                                                    const char  *to,
                                                    MkPeerMode   mode,
                                                    GError     **error);

/* Periods, and the analysis of one in a worker thread: mk-analysis-period.c */

/* The default period without a study: this many last days with logged time. */
#define MK_ANALYSIS_DEFAULT_DAYS 3

/**
 * MkAnalysisPeriod:
 * @MK_ANALYSIS_PERIOD_STUDY: the active study, else the last three logged days
 * @MK_ANALYSIS_PERIOD_LAST_DAYS: the last three days with logged time
 * @MK_ANALYSIS_PERIOD_WEEK: this week, Monday to Sunday
 * @MK_ANALYSIS_PERIOD_CUSTOM: a range the caller gives
 */
typedef enum {
  MK_ANALYSIS_PERIOD_STUDY,
  MK_ANALYSIS_PERIOD_LAST_DAYS,
  MK_ANALYSIS_PERIOD_WEEK,
  MK_ANALYSIS_PERIOD_CUSTOM,
} MkAnalysisPeriod;

void             mk_analysis_week_range            (GDateTime            *day,
                                                    char                **from,
                                                    char                **to);
gboolean         mk_analysis_resolve_period        (MkStore              *store,
                                                    MkAnalysisPeriod      period,
                                                    const char           *from,
                                                    const char           *to,
                                                    char                **out_from,
                                                    char                **out_to,
                                                    char                **study_name);
gboolean         mk_analysis_default_period        (MkStore              *store,
                                                    char                **from,
                                                    char                **to);
MkAnalysis      *mk_analysis_new_for_period        (MkStore              *store,
                                                    MkAnalysisPeriod      period,
                                                    const char           *from,
                                                    const char           *to,
                                                    MkPeerMode            mode,
                                                    char                **study_name,
                                                    GError              **error);
void             mk_analysis_new_for_period_async  (MkStore              *store,
                                                    MkAnalysisPeriod      period,
                                                    const char           *from,
                                                    const char           *to,
                                                    MkPeerMode            mode,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
MkAnalysis      *mk_analysis_new_for_period_finish (GAsyncResult         *result,
                                                    char                **study_name,
                                                    GError              **error);

G_END_DECLS
