/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-team.c — the team commands: --team-setup, --team-add-person,
 * --team-join, --team-leave, --team-status and --sync.
 *
 * Each prints what it did on standard output and a problem on standard
 * error — the server's own words when the server refused or could not be
 * reached — and returns 0 when done, 1 otherwise.  No password is printed,
 * except the one made for a new login, once.
 */
#define G_LOG_DOMAIN "mk-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-cli-team.h"
#include "mk-team.h"

/* --team, which the commands that reach the server need. */
static const char *
need_team (const MkCliArgs *args)
{
  const char *team = mk_cli_args_get (args, "team");

  if (team == NULL)
    mk_cli_print_message (_("Name the team's database with --team URI, e.g. "
                            "--team postgresql://anna@sales.example/minutka."));
  return team;
}

/* A database in a team, which --team (when given) must name. */
static MkStore *
open_joined (const MkCliArgs *args)
{
  g_autoptr(MkStore) store = mk_cli_open_store (args, MK_STORE_OPEN_EXISTING);
  g_autoptr(MkTeamStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  const char *team = mk_cli_args_get (args, "team");

  if (store == NULL)
    return NULL;
  status = mk_team_get_status (store, &error);
  if (status == NULL)
    {
      mk_cli_print_error (error);
      return NULL;
    }
  if (team != NULL && g_strcmp0 (team, status->conninfo) != 0)
    {
      g_autofree char *given = mk_team_describe_server (team);
      g_autofree char *message =
        g_strdup_printf (_("This database is in the team at %s, not %s. Leave it with "
                           "--team-leave to join another."), status->server, given);

      mk_cli_print_message (message);
      return NULL;
    }
  return g_steal_pointer (&store);
}

/**
 * mk_cli_team_setup_run:
 * @args: the command line (--team-setup, --team)
 *
 * Returns: 0 when the team's tables are there and current, 1 otherwise.
 */
int
mk_cli_team_setup_run (const MkCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  const char *team = need_team (args);
  gboolean created = FALSE;

  if (team == NULL)
    return MK_EXIT_BAD_INPUT;
  server = mk_team_describe_server (team);
  if (!mk_team_setup (team, &created, &error))
    {
      mk_cli_print_error (error);
      return MK_EXIT_BAD_INPUT;
    }
  if (created)
    g_print (_("The team's tables are ready in %s. Add people with --team-add-person NAME "
               "--login LOGIN.\n"), server);
  else
    g_print (_("The team's tables in %s are already up to date; nothing was changed.\n"),
             server);
  return MK_EXIT_OK;
}

/**
 * mk_cli_team_add_person_run:
 * @args: the command line (--team-add-person NAME, --team, --login,
 *   --email, --supervisor)
 *
 * Returns: 0 when the person is linked to the login, 1 otherwise.
 */
int
mk_cli_team_add_person_run (const MkCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  const char *team = need_team (args);
  const char *name = mk_cli_args_get (args, "team-add-person");
  const char *login = mk_cli_args_get (args, "login");
  gboolean supervisor = mk_cli_args_has (args, "supervisor");

  if (team == NULL)
    return MK_EXIT_BAD_INPUT;
  if (login == NULL)
    {
      mk_cli_print_message (_("Give the person's login role with --login LOGIN."));
      return MK_EXIT_BAD_INPUT;
    }
  if (!mk_team_add_person (team, name, mk_cli_args_get (args, "email"), login, supervisor,
                           &password, &error))
    {
      mk_cli_print_error (error);
      return MK_EXIT_BAD_INPUT;
    }
  if (supervisor)
    g_print (_("%s is the team's supervisor, with the login %s.\n"), name, login);
  else
    g_print (_("%s is in the team, with the login %s.\n"), name, login);
  if (password != NULL)
    g_print (_("The login is new; its password is %s\n"
               "It is shown this once: give it to %s, who puts it in ~/.pgpass (or the "
               "desktop's keyring).\n"), password, name);
  return MK_EXIT_OK;
}

static void
print_status (const MkTeamStatus *status)
{
  g_print (_("Server: %s\n"), status->server);
  if (status->supervisor)
    g_print (_("Login: %s, the team's supervisor (%s)\n"), status->login,
             status->person ? status->person : "?");
  else
    g_print (_("Login: %s, manager %s\n"), status->login, status->person ? status->person : "?");
  if (status->last_sync != NULL)
    g_print (_("Last sync: %s (UTC)\n"), status->last_sync);
  else
    g_print (_("Last sync: never\n"));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Changes waiting: %llu entry\n",
                        "Changes waiting: %llu entries\n", status->waiting),
           (unsigned long long) status->waiting);
  if (status->kept > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Kept here: %llu change of another person's entry, which only the "
                          "supervisor's login can send to the team\n",
                          "Kept here: %llu changes of other people's entries, which only the "
                          "supervisor's login can send to the team\n", status->kept),
             (unsigned long long) status->kept);
  if (status->settings_waiting)
    g_print (_("The team's settings changed here and wait to be sent.\n"));
}

/**
 * mk_cli_team_join_run:
 * @args: the command line (--team-join, --team, --db)
 *
 * Returns: 0 when joined, 1 otherwise.
 */
int
mk_cli_team_join_run (const MkCliArgs *args)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkTeamStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  const char *team = need_team (args);

  if (team == NULL)
    return MK_EXIT_BAD_INPUT;
  /* Joining may start a new database: a desktop that has logged nothing. */
  store = mk_cli_open_store (args, MK_STORE_OPEN_CREATE);
  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  if (!mk_team_join (store, team, NULL, &status, &error))
    {
      mk_cli_print_error (error);
      return MK_EXIT_BAD_INPUT;
    }
  g_print (_("Joined the team. Run --sync to send this database's entries and receive the "
             "team's.\n"));
  if (status != NULL)
    print_status (status);
  return MK_EXIT_OK;
}

/**
 * mk_cli_team_leave_run:
 * @args: the command line (--team-leave, --db)
 *
 * Returns: 0 when the database left its team, 1 otherwise.
 */
int
mk_cli_team_leave_run (const MkCliArgs *args)
{
  g_autoptr(MkStore) store = open_joined (args);
  g_autoptr(MkTeamStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  status = mk_team_get_status (store, NULL);
  if (!mk_team_leave (store, &error))
    {
      mk_cli_print_error (error);
      return MK_EXIT_BAD_INPUT;
    }
  if (status != NULL && status->waiting > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Left the team at %s; %llu change was not sent. "
                          "The entries stay in this database.\n",
                          "Left the team at %s; %llu changes were not sent. "
                          "The entries stay in this database.\n", status->waiting),
             status->server, (unsigned long long) status->waiting);
  else
    g_print (_("Left the team at %s. The entries stay in this database.\n"),
             status != NULL ? status->server : "?");
  return MK_EXIT_OK;
}

/**
 * mk_cli_team_status_run:
 * @args: the command line (--team-status, --db)
 *
 * Returns: 0 when the database is in a team, 1 otherwise.
 */
int
mk_cli_team_status_run (const MkCliArgs *args)
{
  g_autoptr(MkStore) store = open_joined (args);
  g_autoptr(MkTeamStatus) status = NULL;

  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  status = mk_team_get_status (store, NULL);
  if (status == NULL)
    return MK_EXIT_BAD_INPUT;
  print_status (status);
  return MK_EXIT_OK;
}

/**
 * mk_cli_sync_run:
 * @args: the command line (--sync, --db)
 *
 * Returns: 0 when sent and received, 1 when the server could not be
 *   reached or refused (nothing local changed then).
 */
int
mk_cli_sync_run (const MkCliArgs *args)
{
  g_autoptr(MkStore) store = open_joined (args);
  g_autoptr(GError) error = NULL;
  MkTeamSyncResult result = { 0, };
  int status = MK_EXIT_OK;

  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  if (!mk_team_sync (store, NULL, &result, NULL, NULL, NULL, &error))
    {
      mk_cli_print_error (error);
      mk_team_sync_result_clear (&result);
      return MK_EXIT_BAD_INPUT;
    }
  /* Not translated: scripts read this line. */
  g_print ("sent %llu, received %llu, conflicts %llu\n", (unsigned long long) result.sent,
           (unsigned long long) result.received, (unsigned long long) result.conflicts);
  if (result.n_refused > 0)
    {
      g_autoptr(GString) lines = g_string_new (NULL);

      g_string_append_printf (lines,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%llu entry is another person's, which this login "
                                           "may not send; it stays here:\n",
                                           "%llu entries are other people's, which this login "
                                           "may not send; they stay here:\n",
                                           result.n_refused),
                              (unsigned long long) result.n_refused);
      for (guint i = 0; i < result.refused->len; i++)
        g_string_append_printf (lines, "  %s\n",
                                (const char *) g_ptr_array_index (result.refused, i));
      mk_cli_print_lines (lines->str);
    }
  if (result.n_taken > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%llu entry changed here was not sent: the supervisor gave it to "
                          "another person in the team, so it was removed here.\n",
                          "%llu entries changed here were not sent: the supervisor gave them "
                          "to other people in the team, so they were removed here.\n",
                          result.n_taken),
             (unsigned long long) result.n_taken);
  if (result.settings_received)
    g_print (_("The team's settings were updated.\n"));
  mk_team_sync_result_clear (&result);
  return status;
}
