package org.borderflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL of the benchmark's person-level floor on a handful of events whose answers are worked out by hand: a
 * re-delivered id, local dates across midnight (Helsinki, UTC+3 in September, and Kolkata, half an hour off UTC),
 * a commuter crossing twice a day, and presence carried from week to week.
 */
class DuckDbPersonsTest {

  private static final String COLUMNS = "event_id, event_time, reporting_country, crossing_point, border_type,"
      + " traveller_id, citizenship, direction";

  @TempDir
  Path raw;

  @Test
  void personFiguresFromAFewEvents() throws Exception {
    Path countries = Path.of(System.getProperty("borderflow.project.dir", "."), "conf/countries.csv");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      write(st, "fi_border/ingest_date=2022-10-06/a.parquet",
          "('e1', TIMESTAMP '2022-09-25 22:30:00', 'FI', 'FI-VAA', 'LAND', 't1', 'RU', 'ENTRY'),"
              + "('e2', TIMESTAMP '2022-10-05 10:00:00', 'FI', 'FI-VAA', 'LAND', 't1', 'RU', 'EXIT'),"
              + "('e3', TIMESTAMP '2022-09-20 10:00:00', 'FI', 'FI-VAA', 'LAND', 't2', 'RU', 'ENTRY'),"
              + "('e4', TIMESTAMP '2022-09-20 11:00:00', 'FI', 'FI-VAA', 'LAND', 't4', 'RU', 'ENTRY'),"
              + "('e5', TIMESTAMP '2022-09-20 12:00:00', 'FI', 'FI-VAA', 'LAND', 't4', 'RU', 'ENTRY')");
      // Delivered again later: the first delivery wins, so t1 does not leave a second time in W41.
      write(st, "fi_border/ingest_date=2022-10-11/a.parquet",
          "('e2', TIMESTAMP '2022-10-10 10:00:00', 'FI', 'FI-VAA', 'LAND', 't1', 'RU', 'EXIT')");
      // 18:45Z is 00:15 on Monday in Kolkata (UTC+5:30).
      write(st, "in_border/b.parquet",
          "('e1', TIMESTAMP '2022-09-25 18:45:00', 'IN', 'IN-DEL', 'AIR', 't1', 'RU', 'EXIT')");

      DuckDbPersons.createLocalEvents(st, raw.toString(), countries.toString());
      assertEquals(List.of(
          "fi_border,2022-09-20,FI,FI-VAA,LAND,RU,ENTRY,3,2",
          "fi_border,2022-09-26,FI,FI-VAA,LAND,RU,ENTRY,1,1",
          "fi_border,2022-10-05,FI,FI-VAA,LAND,RU,EXIT,1,1",
          "in_border,2022-09-26,IN,IN-DEL,AIR,RU,EXIT,1,1"), lines(st, DuckDbPersons.DAILY_SQL));
      // t4's second ENTRY the same week keeps it counted once; t1 leaves in W40.
      assertEquals(List.of(
          "fi_border,FI,RU,2022,38,2,0,2",
          "fi_border,FI,RU,2022,39,1,0,3",
          "fi_border,FI,RU,2022,40,0,1,2",
          "in_border,IN,RU,2022,39,0,1,0"), lines(st, DuckDbPersons.WEEKLY_SQL));
    }
  }

  private void write(Statement st, String file, String rows) throws Exception {
    Path path = raw.resolve("crossing_events").resolve(file);
    Files.createDirectories(path.getParent());
    st.execute("COPY (SELECT * FROM (VALUES " + rows + ") t(" + COLUMNS + ")) TO '" + path + "' (FORMAT parquet)");
  }

  private static List<String> lines(Statement st, String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(rs.getString(i));
        }
        lines.add(String.join(",", values));
      }
    }
    return lines.stream().sorted().toList();
  }
}
