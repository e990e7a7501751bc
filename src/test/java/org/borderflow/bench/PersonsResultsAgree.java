package org.borderflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks that the pipeline (a) and DuckDB's person-level floor (d, {@link DuckDbPersons}) computed the same figures,
 * so that a/d compares like with like: crossings and persons of the event sources' rows of {@code crossings_daily},
 * and {@code persons_entered}, {@code persons_exited} and {@code present_at_week_end} of
 * {@code net_remaining_weekly}.
 *
 * <pre>
 *   PersonsResultsAgree DUCKDB_PERSONS_OUT PIPELINE_OUT RAW [MIN_CELL_PERSONS]     exit 0 when all agree, 1 otherwise
 * </pre>
 *
 * <p>Only published cells are compared: the pipeline publishes a person count below {@code MIN_CELL_PERSONS}
 * (default 10, {@code borderflow.persons.min-cell-persons}) as null. A cell is compared where the pipeline has a
 * value or (d) has one of at least that size, so a cell published on one side only is a difference.
 *
 * <p>Restrictions, all met by generated landing zones: the event rows of {@code crossings_daily} are all the events'
 * rows only when no other event source outranks them for the same (country, day, citizenship); and
 * {@code net_remaining_weekly} has no source column, its persons coming from the first-ranked event source of the
 * country, so only countries with a single event source are compared (the others are counted and left out). A week
 * in which (d) has only travellers leaving under a citizenship with no crossing of it has no weekly row in the
 * pipeline, by the contract; such rows are counted, not compared. RAW is read to count a traveller's crossings at
 * one instant, the only place where (d)'s tie order (by {@code event_id}) could part from the pipeline's.
 */
public final class PersonsResultsAgree {

  private static final String DAILY_KEY =
      "source, date, reporting_country, crossing_point, border_type, citizenship, direction";
  private static final String WEEKLY_KEY = "reporting_country, citizenship, iso_year, iso_week";
  private static final String[] WEEKLY_PERSONS = {"persons_entered", "persons_exited", "present_at_week_end"};

  private PersonsResultsAgree() {}

  public static void main(String[] args) throws SQLException {
    if (args.length < 3) {
      System.err.println("usage: PersonsResultsAgree DUCKDB_PERSONS_OUT PIPELINE_OUT RAW [MIN_CELL_PERSONS]");
      System.exit(2);
    }
    int minCell = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute("CREATE VIEW d_daily AS SELECT * FROM read_parquet('" + args[0] + "/daily.parquet')");
      st.execute("CREATE VIEW d_weekly AS SELECT * FROM read_parquet('" + args[0] + "/weekly.parquet')");
      st.execute("CREATE VIEW a_daily AS SELECT " + DAILY_KEY + ", crossings, persons FROM read_parquet('" + args[1]
          + "/crossings_daily/**/*.parquet', hive_partitioning = true)"
          + " WHERE source IN (SELECT source FROM d_daily)");
      st.execute("CREATE VIEW single_source AS SELECT reporting_country FROM d_weekly GROUP BY reporting_country"
          + " HAVING count(DISTINCT source) = 1");
      st.execute("CREATE VIEW a_weekly AS SELECT " + WEEKLY_KEY + ", " + String.join(", ", WEEKLY_PERSONS)
          + " FROM read_parquet('" + args[1] + "/net_remaining_weekly/**/*.parquet', hive_partitioning = true)"
          + " WHERE reporting_country IN (SELECT reporting_country FROM single_source)");

      long[] daily = counts(st, "SELECT count(*), count(*) FILTER (WHERE a.crossings IS DISTINCT FROM d.crossings), "
          + cellCounts("persons", minCell) + " FROM a_daily a FULL JOIN d_daily d USING (" + DAILY_KEY + ")");
      StringBuilder weeklyCells = new StringBuilder();
      for (String c : WEEKLY_PERSONS) {
        weeklyCells.append(", ").append(cellCounts(c, minCell));
      }
      // A (d) row without a pipeline row is missing from the pipeline when it has crossings; without any, it is a
      // week of departures only, which the weekly table has no row for.
      long[] weekly = counts(st, "SELECT count(*) FILTER (WHERE a.iso_week IS NULL"
          + "   AND d.persons_entered + d.persons_exited > 0),"
          + " count(*) FILTER (WHERE a.iso_week IS NULL AND d.persons_entered + d.persons_exited = 0)" + weeklyCells
          + " FROM a_weekly a FULL JOIN (SELECT * FROM d_weekly"
          + "   WHERE reporting_country IN (SELECT reporting_country FROM single_source)) d"
          + " USING (" + WEEKLY_KEY + ")");
      long leftOut = counts(st, "SELECT count(DISTINCT reporting_country) FROM d_weekly"
          + " WHERE reporting_country NOT IN (SELECT reporting_country FROM single_source)")[0];
      long ties = counts(st, "SELECT count(*) FROM (SELECT 1 FROM (" + DuckDbPersons.deliveredSql(args[2]) + ")"
          + " GROUP BY source, reporting_country, traveller_id, event_time HAVING count(*) > 1)")[0];

      System.out.printf("daily rows %,d: crossings differing %,d; persons compared %,d (%,d suppressed), differing"
              + " %,d%n", daily[0], daily[1], daily[2], daily[3], daily[4]);
      System.out.printf("weekly: rows missing from the pipeline %,d (departure-only weeks not compared %,d)",
          weekly[0], weekly[1]);
      long differing = daily[1] + daily[4] + weekly[0];
      for (int i = 0; i < WEEKLY_PERSONS.length; i++) {
        System.out.printf("; %s compared %,d (%,d suppressed), differing %,d", WEEKLY_PERSONS[i], weekly[2 + 3 * i],
            weekly[3 + 3 * i], weekly[4 + 3 * i]);
        differing += weekly[4 + 3 * i];
      }
      System.out.printf("%ncountries left out (several event sources): %d; traveller crossings at one instant: %,d;"
          + " differing in all: %,d%n", leftOut, ties, differing);
      System.exit(daily[0] > 0 && daily[2] > 0 && differing == 0 ? 0 : 1);
    }
  }

  /**
   * Compared, suppressed and differing cells of a person count, between the pipeline's value {@code a.column} and
   * (d)'s {@code d.column}.
   */
  private static String cellCounts(String column, int minCell) {
    String published = "(a." + column + " IS NOT NULL OR d." + column + " >= " + minCell + ")";
    return "count(*) FILTER (WHERE " + published + "),"
        + " count(*) FILTER (WHERE NOT " + published + " AND d." + column + " IS NOT NULL),"
        + " count(*) FILTER (WHERE " + published + " AND a." + column + " IS DISTINCT FROM d." + column + ")";
  }

  private static long[] counts(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      long[] values = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return values;
    }
  }
}
