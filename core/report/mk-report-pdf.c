/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-report-pdf.c — the analysis as a printable A4 PDF (cairo + pango).
 *
 * One flowing document: title, period (in the reader's language) and
 * summary; what the whole team shares (team findings); the team chart (a
 * stacked bar per manager, by rank, with a legend); what the team's time
 * went on (the largest task texts per category); the findings grouped
 * under their manager, by rank, each group with both yardsticks; the
 * per-manager table, whose column heads are turned upright so that no head
 * is ever broken inside a word (a head too long for its room is shortened
 * with an ellipsis and written out whole in a note under the table).
 * Text goes through Pango with DejaVu Sans, so Cyrillic names and
 * translations show, and stays real text in the PDF (pdftotext reads it
 * back).  A block that does not fit on the page starts a new one; a block
 * taller than a page (a name of 5,000 characters) flows on, line by line,
 * over as many pages as it needs: nothing is drawn below the bottom margin
 * and nothing is lost.
 *
 * Printing draws the same flow onto the printer's cairo_t: the whole
 * document is laid out again, and only the asked page is let through the
 * clip, so a printed page is exactly the PDF's page.
 */
#define G_LOG_DOMAIN "mk-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "mk-analysis-format.h"
#include "mk-format.h"
#include "mk-report.h"

#define PAGE_WIDTH  595.276   /* A4 in points */
#define PAGE_HEIGHT 841.890
#define MARGIN      42.0
#define CONTENT     (PAGE_WIDTH - 2 * MARGIN)
#define FONT        "DejaVu Sans"
#define BAR_HEIGHT  13.0
#define BAR_GAP     5.0
#define LABEL_WIDTH 120.0

typedef struct {
  cairo_t    *cr;
  MkAnalysis *analysis;
  double      y;
  int         page;
  int         target;   /* 0: every page, each shown; N: only page N is drawn */
} Pdf;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_color (cairo_t    *cr,
           const char *color)
{
  unsigned int r = 0x9a, g = 0x99, b = 0x96;

  if (color != NULL && color[0] == '#' && strlen (color) == 7)
    sscanf (color + 1, "%02x%02x%02x", &r, &g, &b);
  cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
}

static PangoLayout *
layout_new (Pdf        *pdf,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* Keeps "≈ 95", "≤ 20%" and "≥ 35%" on one line: the space after the sign
 * becomes a no-break space. */
static char *
glue_signs (const char *text)
{
  static const char *signs[] = { "≈ ", "≤ ", "≥ " };
  char *result = g_strdup (text);

  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    {
      g_auto(GStrv) parts = g_strsplit (result, signs[i], -1);
      g_autofree char *glued = g_strndup (signs[i], strlen (signs[i]) - 1);
      g_autofree char *with_nbsp = g_strconcat (glued, "\u00a0", NULL);

      g_free (result);
      result = g_strjoinv (with_nbsp, parts);
    }
  return result;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
footer (Pdf *pdf)
{
  g_autofree char *text = g_strdup_printf (_("Page %d"), pdf->page);
  g_autoptr(PangoLayout) layout = layout_new (pdf, text, 7.5, FALSE, CONTENT);

  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (pdf->cr, 0.45, 0.45, 0.45);
  cairo_move_to (pdf->cr, MARGIN, PAGE_HEIGHT - MARGIN + 12);
  pango_cairo_show_layout (pdf->cr, layout);
}

/* Starts drawing page pdf->page; when printing one page, every other
 * page is clipped away. */
static void
page_begin (Pdf *pdf)
{
  cairo_save (pdf->cr);
  if (pdf->target > 0 && pdf->page != pdf->target)
    {
      cairo_rectangle (pdf->cr, 0, 0, 0, 0);
      cairo_clip (pdf->cr);
    }
}

static void
page_end (Pdf *pdf)
{
  footer (pdf);
  cairo_restore (pdf->cr);
  if (pdf->target == 0)
    cairo_show_page (pdf->cr);
}

/* Makes room for @height points, starting a new page when needed. */
static void
need (Pdf    *pdf,
      double  height)
{
  if (pdf->y + height <= PAGE_HEIGHT - MARGIN)
    return;
  page_end (pdf);
  pdf->page++;
  pdf->y = MARGIN;
  page_begin (pdf);
}

/* Draws @layout at @x from pdf->y down, in @gray.  A layout that fits on a
 * page is kept together (a new page when the rest of this one is too
 * short); a taller one flows line by line onto the pages that follow. */
static void
show_flowing (Pdf         *pdf,
              PangoLayout *layout,
              double       x,
              double       gray)
{
  double h = layout_height (layout);
  PangoLayoutIter *iter;

  if (h <= PAGE_HEIGHT - 2 * MARGIN)
    {
      need (pdf, h);
      cairo_set_source_rgb (pdf->cr, gray, gray, gray);
      cairo_move_to (pdf->cr, x, pdf->y);
      pango_cairo_show_layout (pdf->cr, layout);
      pdf->y += h;
      return;
    }

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double line_h;
      double baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_h = (double) logical.height / PANGO_SCALE;
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      need (pdf, line_h);
      /* A new page restores the colour: set it for every line. */
      cairo_set_source_rgb (pdf->cr, gray, gray, gray);
      cairo_move_to (pdf->cr, x + (double) logical.x / PANGO_SCALE, pdf->y + baseline);
      pango_cairo_show_layout_line (pdf->cr, pango_layout_iter_get_line_readonly (iter));
      pdf->y += line_h;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Draws a paragraph at the left margin (+@indent) and moves down. */
static void
paragraph_gray (Pdf        *pdf,
                const char *text,
                double      size,
                gboolean    bold,
                double      indent,
                double      space_after,
                double      gray)
{
  g_autofree char *glued = glue_signs (text);
  g_autoptr(PangoLayout) layout = layout_new (pdf, glued, size, bold, CONTENT - indent);

  show_flowing (pdf, layout, MARGIN + indent, gray);
  pdf->y += space_after;
}

static void
paragraph (Pdf        *pdf,
           const char *text,
           double      size,
           gboolean    bold,
           double      indent,
           double      space_after)
{
  paragraph_gray (pdf, text, size, bold, indent, space_after, 0.1);
}

/* A section heading, kept on the page with the start of its section. */
static void
heading (Pdf        *pdf,
         const char *text)
{
  need (pdf, 60);
  paragraph (pdf, text, 12, TRUE, 0, 6);
}

/* A sentence with a dot in the colour of @severity before it. */
static void
dotted (Pdf        *pdf,
        const char *text,
        MkSeverity  severity,
        double      indent)
{
  g_autofree char *glued = glue_signs (text);
  g_autoptr(PangoLayout) layout = layout_new (pdf, glued, 9, FALSE, CONTENT - indent - 14);
  double h = layout_height (layout);

  /* The dot goes with the first line. */
  need (pdf, MIN (h, 12));
  switch (severity)
    {
    case MK_SEVERITY_CRITICAL:
      cairo_set_source_rgb (pdf->cr, 0.75, 0.11, 0.16);
      break;
    case MK_SEVERITY_WARNING:
      cairo_set_source_rgb (pdf->cr, 0.90, 0.55, 0.0);
      break;
    case MK_SEVERITY_INFO:
    default:
      cairo_set_source_rgb (pdf->cr, 0.55, 0.55, 0.55);
      break;
    }
  cairo_new_path (pdf->cr);
  cairo_arc (pdf->cr, MARGIN + indent + 4, pdf->y + 6, 3.2, 0, 2 * G_PI);
  cairo_fill (pdf->cr);
  show_flowing (pdf, layout, MARGIN + indent + 14, 0.1);
  pdf->y += 4;
}

/* The longest a turned column head may be, in points. */
#define HEAD_MAX 120.0

/* A column head turned upright (read from the bottom up) in a column of
 * @width at @x, standing on @bottom: one line, whole words; a head longer
 * than HEAD_MAX is shortened with an ellipsis.  Returns whether it was. */
static gboolean
head (Pdf        *pdf,
      const char *text,
      double      x,
      double      bottom,
      double      width)
{
  g_autoptr(PangoLayout) layout = layout_new (pdf, text, 6.5, TRUE, -1);
  int w, h;
  gboolean shortened = FALSE;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (w > HEAD_MAX)
    {
      pango_layout_set_width (layout, (int) (HEAD_MAX * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      shortened = TRUE;
    }
  cairo_save (pdf->cr);
  /* Upright, right-aligned in the column like the numbers under it. */
  cairo_move_to (pdf->cr, x + width - (width - h) / 2.0 - h, bottom);
  cairo_rotate (pdf->cr, -G_PI / 2);
  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  pango_cairo_show_layout (pdf->cr, layout);
  cairo_restore (pdf->cr);
  return shortened;
}

/* How tall the turned heads of @heads are: the longest, at most HEAD_MAX. */
static double
heads_height (Pdf         *pdf,
              const char **heads,
              guint        n)
{
  double tallest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = layout_new (pdf, heads[i], 6.5, TRUE, -1);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      tallest = MAX (tallest, MIN (w, HEAD_MAX));
    }
  return tallest;
}

/* Text in a box of @width at (@x, @y), ellipsized, aligned. */
static void
cell (Pdf            *pdf,
      const char     *text,
      double          x,
      double          y,
      double          width,
      double          size,
      gboolean        bold,
      PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = layout_new (pdf, text, size, bold, -1);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
legend (Pdf *pdf)
{
  MkAnalysis *a = pdf->analysis;
  double x = MARGIN;

  need (pdf, 14);
  for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      if (mk_analysis_get_team_minutes (a, c) == 0)
        continue;
      layout = layout_new (pdf, mk_analysis_get_category_name (a, c), 8, FALSE, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (x + 12 + w > MARGIN + CONTENT)
        {
          pdf->y += 13;
          need (pdf, 14);
          x = MARGIN;
        }
      set_color (pdf->cr, mk_analysis_get_category_color (a, c));
      cairo_rectangle (pdf->cr, x, pdf->y + 2, 8, 8);
      cairo_fill (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cairo_move_to (pdf->cr, x + 11, pdf->y);
      pango_cairo_show_layout (pdf->cr, layout);
      x += 11 + w + 12;
    }
  pdf->y += 18;
}

static void
chart (Pdf *pdf)
{
  MkAnalysis *a = pdf->analysis;
  GListModel *ranking = mk_analysis_get_ranking (a);
  double bar_width = CONTENT - LABEL_WIDTH - 8;

  heading (pdf, _("Where the time goes, per manager"));
  legend (pdf);

  for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (ranking, i);
      double x = MARGIN + LABEL_WIDTH + 8;

      need (pdf, BAR_HEIGHT + BAR_GAP);
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cell (pdf, mk_manager_result_get_name (m), MARGIN, pdf->y, LABEL_WIDTH, 8.5,
            FALSE, PANGO_ALIGN_RIGHT);

      for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
        {
          double w = mk_manager_result_get_share (m, c) * bar_width;

          if (w <= 0)
            continue;
          set_color (pdf->cr, mk_analysis_get_category_color (a, c));
          cairo_rectangle (pdf->cr, x, pdf->y, w, BAR_HEIGHT);
          cairo_fill (pdf->cr);
          if (w >= 26)
            {
              g_autofree char *text = g_strdup_printf ("%.0f%%",
                                                       round (mk_manager_result_get_share (m, c)
                                                              * 100));

              cairo_set_source_rgb (pdf->cr, 1, 1, 1);
              cell (pdf, text, x, pdf->y + 1, w, 7, TRUE, PANGO_ALIGN_CENTER);
            }
          x += w;
        }
      if (mk_manager_result_get_weak_sample (m))
        {
          /* A weak sample's bar is hatched over, so nobody reads it as firm. */
          cairo_set_source_rgba (pdf->cr, 1, 1, 1, 0.45);
          cairo_rectangle (pdf->cr, MARGIN + LABEL_WIDTH + 8, pdf->y, bar_width, BAR_HEIGHT);
          cairo_fill (pdf->cr);
        }
      pdf->y += BAR_HEIGHT + BAR_GAP;
    }
  pdf->y += 10;
}

/* What the whole team shares, after the summary. */
static void
team_findings (Pdf *pdf)
{
  GListModel *team = mk_analysis_get_team_findings (pdf->analysis);
  guint n = g_list_model_get_n_items (team);

  if (n == 0)
    return;
  heading (pdf, _("What the whole team shares"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (team, i);

      dotted (pdf, mk_finding_get_message (f), mk_finding_get_severity (f), 0);
    }
  pdf->y += 10;
}

/* What the team's time went on: a line per category. */
static void
top_tasks (Pdf *pdf)
{
  MkAnalysis *a = pdf->analysis;
  gboolean any = FALSE;

  for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *share = NULL;
      guint n = mk_analysis_get_n_top_tasks (a, c);

      if (n == 0 || mk_analysis_get_team_minutes (a, c) <= 0)
        continue;
      if (!any)
        heading (pdf, _("What the team's time went on"));
      any = TRUE;
      share = g_strdup_printf ("%.0f%%", round (mk_analysis_get_team_share (a, c) * 100));
      g_string_append_printf (line, "%s %s: ", mk_analysis_get_category_name (a, c), share);
      for (guint i = 0; i < n; i++)
        {
          double task_share = 0;
          const char *text = mk_analysis_get_top_task (a, c, i, NULL, &task_share);
          g_autofree char *label = mk_analysis_top_task_label (text);

          g_string_append_printf (line, "%s%s %.0f%%", i > 0 ? " · " : "", label,
                                  round (task_share * 100));
        }
      paragraph (pdf, line->str, 9, FALSE, 0, 3);
    }
  if (any)
    pdf->y += 10;
}

/* The findings under their manager, by rank, each group with the
 * manager's two yardsticks. */
static void
findings (Pdf *pdf)
{
  GListModel *ranking = mk_analysis_get_ranking (pdf->analysis);
  guint n = g_list_model_get_n_items (ranking);
  gboolean any = FALSE;

  heading (pdf, _("Findings"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (ranking, i);
      GListModel *list = mk_manager_result_get_findings (m);
      g_autofree char *peers = mk_manager_result_describe_reclaim (m);
      g_autofree char *targets = mk_manager_result_describe_vs_target (m);
      g_autoptr(GString) yardsticks = g_string_new (NULL);

      if (g_list_model_get_n_items (list) == 0)
        continue;
      any = TRUE;
      /* The name stays with the start of its findings. */
      need (pdf, 40);
      paragraph (pdf, mk_manager_result_get_name (m), 10, TRUE, 0, 2);
      if (peers != NULL)
        g_string_append_printf (yardsticks, _("Against the peers: %s"), peers);
      if (targets != NULL)
        {
          if (yardsticks->len > 0)
            g_string_append (yardsticks, " · ");
          g_string_append_printf (yardsticks, _("Against the targets: %s"), targets);
        }
      if (yardsticks->len > 0)
        paragraph_gray (pdf, yardsticks->str, 8.5, FALSE, 0, 3, 0.35);
      /* What the manager's time went on, a category after the other. */
      {
        g_autoptr(GString) went = g_string_new (NULL);

        for (guint c = 0; c < mk_analysis_get_n_categories (pdf->analysis); c++)
          {
            guint n_tasks = mk_manager_result_get_n_top_tasks (m, c);

            if (n_tasks == 0)
              continue;
            g_string_append_printf (went, "%s%s:", went->len > 0 ? "; " : "",
                                    mk_analysis_get_category_name (pdf->analysis, c));
            for (guint t = 0; t < n_tasks && t < 3; t++)
              {
                double share = 0;
                const char *text = mk_manager_result_get_top_task (m, c, t, NULL, &share);
                g_autofree char *label = mk_analysis_top_task_label (text);

                g_string_append_printf (went, "%s %s %.0f%%", t > 0 ? "," : "", label,
                                        round (share * 100));
              }
          }
        if (went->len > 0)
          paragraph_gray (pdf, went->str, 8.5, FALSE, 0, 3, 0.35);
      }
      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr(MkFinding) f = g_list_model_get_item (list, j);
          g_autofree char *sentence = mk_format_finding (f);

          dotted (pdf, sentence, mk_finding_get_severity (f), 6);
        }
      pdf->y += 6;
    }
  if (!any)
    paragraph (pdf, g_list_model_get_n_items (mk_analysis_get_team_findings (pdf->analysis)) > 0
                    ? _("No manager stands out from the team.")
                    : _("Nothing stands out: every manager is close to the team and the "
                        "targets."),
               9, FALSE, 0, 4);
  pdf->y += 10;
}

static void
table (Pdf *pdf)
{
  MkAnalysis *a = pdf->analysis;
  GListModel *ranking = mk_analysis_get_ranking (a);
  guint nc = mk_analysis_get_n_categories (a);
  const double name_w = 96, num_w = 27;
  const guint n_before = 3, n_after = 3;
  double cat_w = (CONTENT - name_w - (n_before + n_after) * num_w) / MAX (nc, 1);
  const char *numeric[] = {
    N_("Days"), N_("Minutes a day"), N_("Coverage"),
    N_("Win back, min a day"), N_("Over targets, min a day"), N_("More calls a day"),
  };
  g_autoptr(GPtrArray) heads = g_ptr_array_new ();
  g_autoptr(GString) shortened = g_string_new (NULL);
  double tall;
  double bottom;
  double x;

  for (guint k = 0; k < n_before; k++)
    g_ptr_array_add (heads, (gpointer) _(numeric[k]));
  for (guint c = 0; c < nc; c++)
    g_ptr_array_add (heads, (gpointer) mk_analysis_get_category_name (a, c));
  for (guint k = n_before; k < n_before + n_after; k++)
    g_ptr_array_add (heads, (gpointer) _(numeric[k]));
  tall = heads_height (pdf, (const char **) heads->pdata, heads->len);

  heading (pdf, _("Per manager (shares of logged time)"));
  need (pdf, tall + 6 + 3 * 11);
  bottom = pdf->y + tall;
  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  cell (pdf, _("Manager"), MARGIN, bottom - 9, name_w - 4, 6.5, TRUE, PANGO_ALIGN_LEFT);
  x = MARGIN + name_w;
  for (guint i = 0; i < heads->len; i++)
    {
      double w = i < n_before || i >= n_before + nc ? num_w : cat_w;
      const char *text = g_ptr_array_index (heads, i);

      if (head (pdf, text, x, bottom, w - 2))
        g_string_append_printf (shortened, "%s%s", shortened->len > 0 ? "; " : "", text);
      x += w;
    }
  pdf->y = bottom + 6;

  for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (ranking, i);
      double calls = mk_manager_result_get_extra_calls_per_day (m);
      gboolean weak = mk_manager_result_get_weak_sample (m);
      char before[3][32];
      char after[3][32];

      need (pdf, 12);
      if (i % 2 == 0)
        {
          cairo_set_source_rgb (pdf->cr, 0.95, 0.95, 0.95);
          cairo_rectangle (pdf->cr, MARGIN, pdf->y - 1, CONTENT, 11);
          cairo_fill (pdf->cr);
        }
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cell (pdf, mk_manager_result_get_name (m), MARGIN, pdf->y, name_w - 4, 7.5, FALSE,
            PANGO_ALIGN_LEFT);
      g_snprintf (before[0], sizeof before[0], "%u", mk_manager_result_get_days (m));
      g_snprintf (before[1], sizeof before[1], "%.0f",
                  round (mk_manager_result_get_minutes_per_day (m)));
      g_snprintf (before[2], sizeof before[2], "%.0f%%",
                  round (mk_manager_result_get_coverage (m) * 100));
      /* A weak sample's numbers are not evidence enough for time to win back. */
      g_snprintf (after[0], sizeof after[0], "%s", "—");
      g_snprintf (after[1], sizeof after[1], "%s", "—");
      g_snprintf (after[2], sizeof after[2], "%s", "—");
      if (!weak)
        {
          g_snprintf (after[0], sizeof after[0], "%.0f",
                      round (mk_manager_result_get_reclaimable_per_day (m)));
          g_snprintf (after[1], sizeof after[1], "%.0f",
                      round (mk_manager_result_get_reclaimable_vs_target_per_day (m)));
          if (!isnan (calls))
            g_snprintf (after[2], sizeof after[2], "%.1f", calls);
        }

      x = MARGIN + name_w;
      for (guint k = 0; k < n_before; k++, x += num_w)
        cell (pdf, before[k], x, pdf->y, num_w - 2, 7.5, FALSE, PANGO_ALIGN_RIGHT);
      for (guint c = 0; c < nc; c++, x += cat_w)
        {
          g_autofree char *share = g_strdup_printf ("%.0f%%",
                                                    round (mk_manager_result_get_share (m, c)
                                                           * 100));

          cell (pdf, share, x, pdf->y, cat_w - 2, 7.5, FALSE, PANGO_ALIGN_RIGHT);
        }
      for (guint k = 0; k < n_after; k++, x += num_w)
        cell (pdf, after[k], x, pdf->y, num_w - 2, 7.5, FALSE, PANGO_ALIGN_RIGHT);
      pdf->y += 11;
    }

  /* Heads too long for their room, written out. */
  if (shortened->len > 0)
    {
      g_autofree char *note = g_strdup_printf (_("Shortened column heads: %s."), shortened->str);

      pdf->y += 4;
      paragraph_gray (pdf, note, 7.5, FALSE, 0, 0, 0.35);
    }
}

/**
 * mk_report_pdf:
 * @analysis: an analysis
 * @error: return location for a #GError
 *
 * Draws the printable report: A4 pages, DejaVu Sans.
 *
 * Returns: (transfer full) (nullable): the PDF file's bytes, or %NULL with
 *   @error (G_IO_ERROR) when cairo fails.
 */
/* Lays the whole report out on @cr; draws every page (@target 0) or only
 * page @target.  Returns the number of pages. */
static int
flow (MkAnalysis *analysis,
      cairo_t    *cr,
      int         target)
{
  g_autofree char *period = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  cairo_font_options_t *options = cairo_font_options_create ();
  Pdf pdf = { .cr = cr, .analysis = analysis, .y = MARGIN, .page = 1, .target = target };

  /* The same text metrics on a PDF, a printer and a counting surface. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);

  page_begin (&pdf);
  paragraph (&pdf, _("Minutka report: where the working day goes"), 15, TRUE, 0, 4);
  from = mk_day_format_short (mk_analysis_get_from (analysis));
  to = mk_day_format_short (mk_analysis_get_to (analysis));
  period = g_strdup_printf (_("Period: %s – %s"), from, to);
  paragraph (&pdf, period, 10, FALSE, 0, 10);
  paragraph (&pdf, mk_analysis_get_summary (analysis), 10, FALSE, 0, 14);

  if (!mk_analysis_is_empty (analysis))
    {
      team_findings (&pdf);
      chart (&pdf);
      top_tasks (&pdf);
      findings (&pdf);
      table (&pdf);
    }
  page_end (&pdf);
  return pdf.page;
}

/**
 * mk_report_pdf_count_pages:
 * @analysis: an analysis
 *
 * Returns: how many A4 pages the report has (at least 1).
 */
int
mk_report_pdf_count_pages (MkAnalysis *analysis)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  int pages;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), 1);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  pages = flow (analysis, cr, G_MAXINT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pages;
}

/**
 * mk_report_pdf_draw_page:
 * @analysis: an analysis
 * @cr: where to draw, in points of an A4 page (595 × 842)
 * @page: the page, from 0
 *
 * Draws page @page of the PDF report, for printing.
 */
void
mk_report_pdf_draw_page (MkAnalysis *analysis,
                         cairo_t    *cr,
                         int         page)
{
  g_return_if_fail (MK_IS_ANALYSIS (analysis));
  g_return_if_fail (cr != NULL && page >= 0);

  cairo_save (cr);
  flow (analysis, cr, page + 1);
  cairo_restore (cr);
}

GBytes *
mk_report_pdf (MkAnalysis *analysis,
               GError    **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), NULL);

  surface = cairo_pdf_surface_create_for_stream (write_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _("Minutka report: where the working day goes"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Minutka");
  cr = cairo_create (surface);
  flow (analysis, cr, 0);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF report could not be drawn: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
