package org.borderflow.bench;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's fourth floor, (d): DuckDB doing the person-level work the pipeline publishes from the crossing
 * events, written as a careful DuckDB user would, so that the pipeline is measured against the same work and not
 * only against a plain weekly aggregate (see {@link DuckDbWeekly} for (c)).
 *
 * <pre>
 *   DuckDbPersons RAW OUT COUNTRIES_CSV [MEMORY_LIMIT]     writes OUT/daily.parquet and OUT/weekly.parquet
 * </pre>
 *
 * <ul>
 *   <li>Events are de-duplicated per source and id on a 64-bit {@code hash(source, event_id)}: the first delivery
 *       wins, files in path order and rows in file order. Hashing is what makes this cheap; two different (source, id)
 *       pairs with the same hash would lose one event (about 3e-4 likely at 100 million events).</li>
 *   <li>Local dates come from a small table of (country, UTC hour) → offset, built with {@code timezone()} for the
 *       hours the events span, and joined on {@code date_trunc('hour', event_time)}: a per-row zone conversion is
 *       what made (c) slow. An hour's offset is constant as long as zone transitions fall on whole UTC hours, which
 *       holds for the zones of {@code conf/countries.csv}, including those a half hour off UTC.</li>
 *   <li>A traveller is (source, reporting_country, traveller_id), as in the pipeline. Their crossings are ordered by
 *       time, ties by {@code event_id}. A pipeline that broke ties by Spark's {@code xxhash64} of (source,
 *       event_id) could order them differently, as DuckDB has no such hash; {@code PersonsResultsAgree} counts
 *       such ties, which are rare in generated data.</li>
 *   <li>No row validation: the generated landing zones hold only valid rows, and the agreement check would show
 *       any that the pipeline rejected.</li>
 * </ul>
 *
 * <p>Threads and memory as for (c): {@link DuckDbFloor}.
 */
public final class DuckDbPersons {

  private DuckDbPersons() {}

  public static void main(String[] args) throws SQLException, java.io.IOException {
    DuckDbFloor.run("duckdb-persons", "DuckDbPersons", args,
        (st, raw, out, countries) -> {
          // Where the events table spills beyond the memory limit at large sizes; removed with the output folder.
          st.execute("SET temp_directory = '" + out.resolve("_spill") + "'");
          createLocalEvents(st, raw, countries);
          st.execute("COPY (" + DAILY_SQL + ") TO '" + out.resolve("daily.parquet") + "' (FORMAT parquet)");
          st.execute("COPY (" + WEEKLY_SQL + ") TO '" + out.resolve("weekly.parquet") + "' (FORMAT parquet)");
          return DuckDbFloor.rows(st, out.resolve("daily.parquet")) + " daily rows, "
              + DuckDbFloor.rows(st, out.resolve("weekly.parquet")) + " weekly rows";
        });
  }

  /**
   * Creates the temporary table {@code events}: the landing zone's crossing events, de-duplicated, with their
   * {@code source}, local {@code day} and the Monday of its ISO week, {@code week_start}. Both outputs read it, so
   * the files are scanned and de-duplicated once.
   */
  static void createLocalEvents(Statement st, String raw, String countriesCsv) throws SQLException {
    // Only the countries and hours the events have: a few thousand conversions instead of one per event. A narrow
    // scan, so that the events are materialised once, already with their local dates.
    st.execute("CREATE TEMP TABLE zone_hours AS"
        + " SELECT c.alpha2 AS reporting_country, h.utc_hour,"
        + "   timezone(c.time_zone, CAST(h.utc_hour AS TIMESTAMPTZ)) - h.utc_hour AS utc_offset"
        + " FROM read_csv('" + countriesCsv + "', header = true) c"
        + " JOIN (SELECT DISTINCT reporting_country FROM " + files(raw, "") + ") r ON r.reporting_country = c.alpha2"
        + " CROSS JOIN (SELECT unnest(generate_series(date_trunc('hour', min(CAST(event_time AS TIMESTAMP))),"
        + "   date_trunc('hour', max(CAST(event_time AS TIMESTAMP))), INTERVAL 1 HOUR)) AS utc_hour"
        + "   FROM " + files(raw, "") + ") h");
    st.execute("CREATE TEMP TABLE events AS"
        + " SELECT *, CAST(date_trunc('week', day) AS DATE) AS week_start"
        + " FROM (SELECT d.*, CAST(d.event_time + z.utc_offset AS DATE) AS day"
        + "   FROM (" + deliveredSql(raw) + ") d JOIN zone_hours z"
        + "     ON d.reporting_country = z.reporting_country AND date_trunc('hour', d.event_time) = z.utc_hour)");
  }

  /**
   * Every crossing event once, with its {@code source}: the first delivery of each 64-bit {@code hash(source,
   * event_id)} in file path and row order. Ids rarely repeat, so the repeated hashes are found first (an aggregate
   * on one integer, which spills), and only their rows are ranked; a window over every event would hold all of
   * them in memory at once.
   */
  static String deliveredSql(String raw) {
    String delivered = "SELECT *, hash(source, event_id) AS id_hash FROM (SELECT"
        + "   regexp_extract(filename, '/crossing_events/([^/]+)/', 1) AS source, event_id,"
        + "   CAST(event_time AS TIMESTAMP) AS event_time, reporting_country, crossing_point, border_type,"
        + "   traveller_id, citizenship, direction, filename, file_row_number"
        + " FROM " + files(raw, ", filename = true, file_row_number = true") + ")";
    String columns = "source, event_id, event_time, reporting_country, crossing_point, border_type, traveller_id,"
        + " citizenship, direction";
    return "WITH delivered AS NOT MATERIALIZED (" + delivered + "),"
        + " repeated AS (SELECT id_hash FROM delivered GROUP BY id_hash HAVING count(*) > 1)"
        + " SELECT " + columns + " FROM delivered WHERE id_hash NOT IN (SELECT id_hash FROM repeated)"
        + " UNION ALL"
        + " SELECT " + columns + " FROM delivered WHERE id_hash IN (SELECT id_hash FROM repeated)"
        + " QUALIFY row_number() OVER (PARTITION BY id_hash ORDER BY filename, file_row_number) = 1";
  }

  /** The landing zone's event files, with further {@code read_parquet} options if any (", name = value"). */
  private static String files(String raw, String options) {
    return "read_parquet('" + raw + "/crossing_events/*/**/*.parquet', hive_partitioning = false" + options + ")";
  }

  /** Crossings and distinct travellers per source, day, point, citizenship and direction (crossings_daily). */
  static final String DAILY_SQL = "SELECT source, day AS date, reporting_country, crossing_point, border_type,"
      + " citizenship, direction, count(*) AS crossings, count(DISTINCT traveller_id) AS persons"
      + " FROM events GROUP BY ALL";

  /**
   * Persons entered and exited and travellers present at the week's end, per source, reporting country, citizenship
   * and ISO week (the person columns of net_remaining_weekly). Presence as in the pipeline's WeeklyPersons: an
   * ENTRY adds +1 at its week and -1 at the week of the traveller's next crossing; the running sum over the series'
   * weeks is the count of travellers whose latest crossing is an ENTRY, under that ENTRY's citizenship.
   */
  static final String WEEKLY_SQL = "WITH timeline AS ("
      + "   SELECT source, reporting_country, citizenship, traveller_id, direction, week_start,"
      + "     lead(week_start) OVER (PARTITION BY source, reporting_country, traveller_id"
      + "       ORDER BY event_time, event_id) AS next_week_start"
      + "   FROM events),"
      + " contributions AS ("
      + "   SELECT source, reporting_country, citizenship, week_start, traveller_id, direction,"
      + "     CASE WHEN direction = 'ENTRY' THEN 1 ELSE 0 END AS delta"
      + "   FROM timeline"
      + "   UNION ALL"
      + "   SELECT source, reporting_country, citizenship, next_week_start, NULL, NULL, -1"
      + "   FROM timeline WHERE direction = 'ENTRY' AND next_week_start IS NOT NULL)"
      + " SELECT source, reporting_country, citizenship, CAST(isoyear(week_start) AS INTEGER) AS iso_year,"
      + "   CAST(week(week_start) AS INTEGER) AS iso_week,"
      + "   count(DISTINCT traveller_id) FILTER (WHERE direction = 'ENTRY') AS persons_entered,"
      + "   count(DISTINCT traveller_id) FILTER (WHERE direction = 'EXIT') AS persons_exited,"
      + "   CAST(sum(sum(delta)) OVER (PARTITION BY source, reporting_country, citizenship ORDER BY week_start"
      + "     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS present_at_week_end"
      + " FROM contributions GROUP BY source, reporting_country, citizenship, week_start";
}
