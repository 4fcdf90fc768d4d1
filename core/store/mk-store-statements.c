/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-statements.c — every fixed statement the store runs, in one table.
 *
 * Indexed by MkStmt (mk-store-private.h) and prepared on first use by
 * mk_store_stmt(), which keeps them for the life of the connection.  All
 * values are bound parameters: no SQL here is ever built from data.  The
 * only statements written elsewhere are the schema and its migrations
 * (mk-store-schema.c, run once with mk_store_exec()) and those assembled
 * from constant fragments (mk-entry-list.c, mk-store-bulk-writer.c, the
 * exporter), kept by mk_store_stmt_for_sql().
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include "mk-store-private.h"

const char *const mk_store_statement_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  /* A change made inside another transaction (a person or an alias that a
   * bulk import adds): undone alone when it fails. */
  [STMT_SAVEPOINT] = "SAVEPOINT mk_change",
  [STMT_RELEASE] = "RELEASE mk_change",
  [STMT_ROLLBACK_TO] = "ROLLBACK TO mk_change",
  [STMT_APPLICATION_ID] = "PRAGMA application_id",
  [STMT_USER_VERSION] = "PRAGMA user_version",
  [STMT_SCHEMA_COUNT] = "SELECT count(*) FROM sqlite_schema",
  [STMT_DATA_VERSION] = "PRAGMA data_version",
  [STMT_JOURNAL_MODE_DELETE] = "PRAGMA journal_mode = DELETE",
  [STMT_CACHE_SIZE] = "PRAGMA cache_size",
  [STMT_INTEGRITY_CHECK] = "PRAGMA integrity_check",
  [STMT_FOREIGN_KEY_COUNT] = "SELECT count(*) FROM pragma_foreign_key_check",
  [STMT_PERSON_BY_ID] =
    "SELECT id, name, email, level, team, archived FROM person WHERE id = ?",
  [STMT_PERSON_BY_EMAIL] =
    "SELECT id, name, email, level, team, archived FROM person WHERE email = ?",
  [STMT_PERSON_BY_NAME_KEY] =
    "SELECT id, name, email, level, team, archived FROM person WHERE name_key = ? "
    "ORDER BY archived, email IS NOT NULL, id LIMIT 1",
  [STMT_PERSON_INSERT] =
    "INSERT INTO person (name, name_key, email, uuid) VALUES (?, ?, ?, ?)",
  [STMT_PERSON_SET_EMAIL] = "UPDATE person SET email = ? WHERE id = ?",
  [STMT_PERSON_SET_LEVEL] = "UPDATE person SET level = ? WHERE id = ?",
  [STMT_PERSON_UPDATE] =
    "UPDATE person SET name = ?, name_key = ?, email = ?, level = ?, team = ?, archived = ? "
    "WHERE id = ?",
  [STMT_PERSON_LIST] =
    "SELECT id, name, email, level, team, archived FROM person "
    "WHERE archived = 0 OR ? ORDER BY name_key, id",
  [STMT_PERSON_MOVE_ENTRIES] = "UPDATE entry SET person_id = ?1 WHERE person_id = ?2",
  [STMT_PERSON_DELETE] = "DELETE FROM person WHERE id = ?",
  [STMT_DAY_TOTAL_DELETE_PERSON] =
    "DELETE FROM day_total WHERE person_id IN (?1, ?2) OR ?1 = 0",
  [STMT_TIMER_MOVE] = "UPDATE timer SET person_id = ?1 WHERE person_id = ?2",
  [STMT_ENTRY_OF_PERSON] =
    "SELECT person_id, day, start, minutes, category_id, task FROM entry "
    "WHERE person_id = ?1 OR ?1 = 0",
  [STMT_CATEGORY_LIST] =
    "SELECT id, key, name, color, class, target_min, target_max, sort_order, archived "
    "FROM category ORDER BY sort_order, id",
  [STMT_CATEGORY_INSERT] =
    "INSERT INTO category (key, name, color, class, sort_order, uuid) VALUES (?, ?, ?, ?, ?, ?)",
  [STMT_CATEGORY_SEED] =
    "INSERT INTO category (key, color, class, target_min, target_max, sort_order) "
    "VALUES (?, ?, ?, ?, ?, ?)",
  [STMT_CATEGORY_UPDATE] =
    "UPDATE category SET name = ?, color = ?, class = ?, target_min = ?, target_max = ?, "
    "sort_order = ?, archived = ? WHERE id = ?",
  [STMT_CATEGORY_MAX_ORDER] = "SELECT coalesce(max(sort_order), 0) FROM category",
  [STMT_CATEGORY_SET_ORDER] = "UPDATE category SET sort_order = ? WHERE id = ?",
  [STMT_ALIAS_LOOKUP] = "SELECT category_id FROM category_alias WHERE alias = ?",
  [STMT_ALIAS_UPSERT] =
    "INSERT INTO category_alias (alias, category_id) VALUES (?, ?) "
    "ON CONFLICT (alias) DO UPDATE SET category_id = excluded.category_id",
  [STMT_ALIAS_SEED] =
    "INSERT OR IGNORE INTO category_alias (alias, category_id) "
    "SELECT ?, id FROM category WHERE key = ?",
  [STMT_ALIAS_LIST] = "SELECT alias FROM category_alias WHERE category_id = ? ORDER BY alias",
  [STMT_ALIAS_DELETE] = "DELETE FROM category_alias WHERE alias = ?",
  [STMT_ENTRY_INSERT] =
    "INSERT INTO entry (person_id, day, start, minutes, category_id, task, source, batch_id, "
    "fingerprint, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_ENTRY_UPDATE] =
    "UPDATE entry SET person_id = ?, day = ?, start = ?, minutes = ?, category_id = ?, "
    "task = ?, updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
  [STMT_ENTRY_DELETE] = "DELETE FROM entry WHERE id = ?",
  [STMT_ENTRY_GET] =
    "SELECT e.id, e.person_id, e.day, e.start, e.minutes, e.category_id, e.task, e.source, "
    "e.batch_id, e.fingerprint, p.name, e.uuid FROM entry e JOIN person p ON p.id = e.person_id "
    "WHERE e.id = ?",
  [STMT_ENTRY_BY_UUID] = "SELECT id FROM entry WHERE uuid = ?",
  [STMT_ENTRY_COUNT] = "SELECT count(*) FROM entry",
  [STMT_ENTRY_ANY] = "SELECT EXISTS (SELECT 1 FROM entry)",
  [STMT_ENTRY_MAX_ID] = "SELECT coalesce(max(id), 0) FROM entry",
  [STMT_ENTRY_FINGERPRINTS] =
    "SELECT fingerprint FROM entry WHERE person_id = ? AND day = ? AND fingerprint IS NOT NULL",
  [STMT_ENTRY_ALL_FINGERPRINTS] = "SELECT fingerprint FROM entry WHERE fingerprint IS NOT NULL",
  [STMT_ENTRY_ALL_UUIDS] = "SELECT uuid FROM entry",
  /* The indexes of `entry` as the schema writes them (a big import drops
   * and rebuilds them). */
  [STMT_ENTRY_INDEXES] =
    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'entry' "
    "AND sql IS NOT NULL",
  /* One entry of ?8 minutes added (?5 = 1) or removed (?5 = -1). */
  [STMT_DAY_TOTAL_ADD] =
    "INSERT INTO day_total (person_id, day, category_id, minutes, entries, prime_minutes, "
    "timed_minutes, lengths) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, mk_lengths_add (NULL, ?8, ?5)) "
    "ON CONFLICT (person_id, day, category_id) DO UPDATE SET "
    "minutes = minutes + ?4, entries = entries + ?5, prime_minutes = prime_minutes + ?6, "
    "timed_minutes = timed_minutes + ?7, lengths = mk_lengths_add (lengths, ?8, ?5)",
  /* Many entries at once, their lengths as a histogram (?8). */
  [STMT_DAY_TOTAL_MERGE] =
    "INSERT INTO day_total (person_id, day, category_id, minutes, entries, prime_minutes, "
    "timed_minutes, lengths) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (person_id, day, category_id) DO UPDATE SET "
    "minutes = minutes + ?4, entries = entries + ?5, prime_minutes = prime_minutes + ?6, "
    "timed_minutes = timed_minutes + ?7, lengths = mk_lengths_merge (lengths, ?8)",
  /* One entry's task text ?4 of ?5 minutes added (?6 = 1) or removed (?6 = -1);
   * a day_task row whose day_total goes goes with it (a trigger). */
  [STMT_DAY_TASK_ADD] =
    "INSERT INTO day_task (day, person_id, category_id, tasks) "
    "VALUES (?1, ?2, ?3, mk_tasks_add (NULL, ?4, ?5, ?6)) "
    "ON CONFLICT (day, person_id, category_id) DO UPDATE SET "
    "tasks = mk_tasks_add (tasks, ?4, ?5, ?6)",
  /* Many entries at once, their task texts as a task list (?4). */
  [STMT_DAY_TASK_MERGE] =
    "INSERT INTO day_task (day, person_id, category_id, tasks) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (day, person_id, category_id) DO UPDATE SET "
    "tasks = mk_tasks_merge (tasks, ?4)",
  /* The entries a big import added (ids above ?1), grouped by person-day
   * through the index a big import has just built: mk-store-bulk-rollup.c
   * sums them up a person-day at a time.  Read in the index's order, the
   * rows come from a few pages of each chunk the import wrote per day. */
  [STMT_ENTRY_NEW_BY_DAY] =
    "SELECT day, person_id, category_id, start, minutes, task FROM entry "
    "INDEXED BY entry_day_person WHERE id > ?1 ORDER BY day, person_id",
  [STMT_DAY_TOTAL_PRUNE] =
    "DELETE FROM day_total WHERE person_id = ? AND day = ? AND category_id = ? AND entries <= 0",
  [STMT_DAY_TOTAL_RANGE] =
    "SELECT person_id, day, category_id, minutes, entries, prime_minutes, timed_minutes "
    "FROM day_total WHERE day BETWEEN ? AND ? ORDER BY person_id, day, category_id",
  /* In no particular order: the caller adds the days up. */
  [STMT_DETAIL_LENGTHS] =
    "SELECT person_id, category_id, lengths FROM day_total WHERE day BETWEEN ? AND ?",
  [STMT_DETAIL_TASKS] =
    "SELECT person_id, category_id, tasks FROM day_task WHERE day BETWEEN ? AND ?",
  [STMT_LENGTH_RANGE] =
    "SELECT person_id, category_id, lengths FROM day_total "
    "WHERE day BETWEEN ? AND ? ORDER BY person_id, category_id",
  [STMT_LAST_DAYS] =
    "SELECT day FROM (SELECT DISTINCT day FROM day_total ORDER BY day DESC LIMIT ?) "
    "ORDER BY day",
  /* Rows of the stored rollups that the entries do not add up to, and the
   * other way round.  Prime minutes depend on the settings and are compared
   * in C (mk-store-rollup.c). */
  [STMT_CHECK_TOTALS] =
    "WITH e AS (SELECT person_id, day, category_id, sum(minutes) AS m, count(*) AS n, "
    "           sum(CASE WHEN start IS NULL THEN 0 ELSE minutes END) AS t "
    "           FROM entry GROUP BY person_id, day, category_id), "
    "     d AS (SELECT person_id, day, category_id, minutes AS m, entries AS n, "
    "           timed_minutes AS t FROM day_total) "
    "SELECT (SELECT count(*) FROM (SELECT * FROM e EXCEPT SELECT * FROM d)) + "
    "       (SELECT count(*) FROM (SELECT * FROM d EXCEPT SELECT * FROM e))",
  /* Histograms are canonical blobs (mk-store-lengths.c): equal histograms
   * are equal blobs.  Rows without entries are the totals check's business. */
  [STMT_CHECK_LENGTHS] =
    "WITH e AS (SELECT person_id, day, category_id, mk_lengths_of (minutes) AS l FROM entry "
    "           GROUP BY person_id, day, category_id) "
    "SELECT count(*) FROM e LEFT JOIN day_total d USING (person_id, day, category_id) "
    "WHERE d.lengths IS NOT e.l",
  /* Task lists (mk-store-tasks.c) are compared item by item, labels aside;
   * a list where no entry is counts too. */
  [STMT_CHECK_TASKS] =
    "WITH e AS (SELECT day, person_id, category_id, mk_tasks_of (task, minutes) AS t FROM entry "
    "           GROUP BY day, person_id, category_id) "
    "SELECT (SELECT count(*) FROM e LEFT JOIN day_task d USING (day, person_id, category_id) "
    "        WHERE NOT mk_tasks_equal (d.tasks, e.t)) + "
    "       (SELECT count(*) FROM day_task d WHERE NOT EXISTS (SELECT 1 FROM entry x "
    "        WHERE x.day = d.day AND x.person_id = d.person_id "
    "        AND x.category_id = d.category_id))",
  [STMT_CHECK_PRIME_ENTRIES] =
    "SELECT person_id, day, category_id, start, minutes FROM entry WHERE start IS NOT NULL "
    "ORDER BY person_id, day, category_id",
  [STMT_CHECK_PRIME_TOTALS] =
    "SELECT person_id, day, category_id, prime_minutes FROM day_total "
    "ORDER BY person_id, day, category_id",
  [STMT_SETTING_GET_ALL] = "SELECT key, value FROM setting",
  [STMT_SETTING_SET] =
    "INSERT INTO setting (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = ?2",
  [STMT_STUDY_ACTIVE] =
    "SELECT name, day_from, day_to FROM study WHERE active ORDER BY id DESC LIMIT 1",
  [STMT_STUDY_DEACTIVATE] = "UPDATE study SET active = 0 WHERE active",
  [STMT_STUDY_INSERT] = "INSERT INTO study (name, day_from, day_to, active) VALUES (?, ?, ?, 1)",
  [STMT_TIMER_GET] = "SELECT person_id, category_id, task, started_at FROM timer WHERE id = 1",
  [STMT_TIMER_SET] =
    "INSERT OR REPLACE INTO timer (id, person_id, category_id, task, started_at) "
    "VALUES (1, ?, ?, ?, ?)",
  [STMT_TIMER_CLEAR] = "DELETE FROM timer",
  [STMT_BATCH_INSERT] =
    "INSERT INTO import_batch (file_name, sha256, preset, uuid) VALUES (?, ?, ?, ?)",
  [STMT_BATCH_FINISH] =
    "UPDATE import_batch SET rows_read = ?, imported = ?, duplicates = ?, skipped = ?, "
    "rejected = ? WHERE id = ?",
  [STMT_BATCH_SET_SHA] = "UPDATE import_batch SET sha256 = ?1 WHERE id = ?2",
  [STMT_BATCH_BY_SHA] =
    "SELECT id FROM import_batch WHERE sha256 = ? AND preset = ? LIMIT 1",
  [STMT_BATCH_GET] = "SELECT file_name, preset, created FROM import_batch WHERE id = ?",
};
