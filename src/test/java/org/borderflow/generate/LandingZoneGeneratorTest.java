package org.borderflow.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The scale generator, checked by reading its files back with DuckDB rather than by trusting the model. The period
 * (16 Oct to 12 Nov 2022) holds the end of summer time in Europe, so local dates are tested across a 25-hour day,
 * and its middle day is the shock.
 */
class LandingZoneGeneratorTest {

  private static final long EVENTS = 123_457;
  private static final String START = "2022-10-16";
  private static final String EVENT_FILES = "/crossing_events/*/**/*.parquet";

  @TempDir
  static Path work;

  private static Path zone;
  private static Connection duck;
  private static Statement sql;

  @BeforeAll
  static void generate() throws SQLException {
    zone = work.resolve("two-threads");
    assertEquals(0, run(zone, "2"));
    duck = DriverManager.getConnection("jdbc:duckdb:");
    sql = duck.createStatement();
    sql.execute("SET TimeZone = 'UTC'");
    sql.execute("CREATE VIEW events AS SELECT e.* EXCLUDE (filename), e.filename AS file, CAST(timezone(c.time_zone, event_time) AS DATE)"
        + " AS local_date FROM read_parquet('" + zone + EVENT_FILES + "', filename = true, hive_partitioning = false) e"
        + " JOIN read_csv('" + Path.of(System.getProperty("borderflow.project.dir", "."), "conf/countries.csv")
        + "', header = true) c ON e.reporting_country = c.alpha2");
    sql.execute("CREATE VIEW counts AS SELECT * FROM read_parquet('" + zone + "/daily_counts/*/**/*.parquet',"
        + " filename = true, hive_partitioning = false)");
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  private static int run(Path out, String threads) {
    return new CommandLine(new LandingZoneGenerator()).execute("--events", String.valueOf(EVENTS), "--days", "28",
        "--start", START, "--seed", "7", "--rows-per-file", "10000", "--threads", threads, "--out", out.toString());
  }

  @Test
  void writesExactlyTheEventsAskedForWithUniqueIds() throws SQLException {
    assertEquals(List.of(EVENTS, EVENTS, 19L), row("SELECT count(*), count(DISTINCT reporting_country || event_id),"
        + " count(DISTINCT reporting_country) FROM events"));
  }

  @Test
  void sameSeedSameBytesWhateverTheThreads() throws IOException {
    Path again = work.resolve("one-thread");
    assertEquals(0, run(again, "1"));
    List<Path> files = files(zone);
    assertEquals(files, files(again));
    long eventFiles = files.stream().filter(f -> f.startsWith("crossing_events")).count();
    assertTrue(eventFiles > 19, "19 event sources, the busy ones in several files: " + eventFiles);
    for (Path file : files) {
      assertArrayEquals(Files.readAllBytes(zone.resolve(file)), Files.readAllBytes(again.resolve(file)), file.toString());
    }
  }

  @Test
  void everyEventFallsOnItsDayInTheReportingCountrysZone() throws SQLException {
    // The id carries the intended day; the period's last day is 2022-11-12.
    assertEquals(List.of(0L, 0L), row("SELECT count(*) FILTER (WHERE strftime(local_date, '%Y%m%d')"
        + " <> split_part(event_id, '-', 2)), count(*) FILTER (WHERE local_date NOT BETWEEN DATE '" + START + "'"
        + " AND DATE '2022-11-12') FROM events"));
    // Each file is delivered after its last day, and holds whole days in time order.
    assertEquals(List.of(0L), row("SELECT count(*) FROM (SELECT file, max(local_date) AS last FROM events GROUP BY file)"
        + " WHERE CAST(regexp_extract(file, 'ingest_date=([0-9-]+)', 1) AS DATE) <= last"));
  }

  @Test
  void travellersAlternateEntriesAndExitsAndSomeCrossOftenOrStay() throws SQLException {
    assertEquals(List.of(0L), row("SELECT count(*) FROM (SELECT direction, lag(direction) OVER (PARTITION BY"
        + " reporting_country, traveller_id ORDER BY event_time) AS previous FROM events) WHERE direction = previous"));
    List<Long> kinds = row("SELECT count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n = 2),"
        + " count(*) FILTER (WHERE n >= 6) FROM (SELECT traveller_id, count(*) AS n FROM events GROUP BY ALL)");
    kinds.forEach(travellers -> assertTrue(travellers > 500, "one-way, come-and-go and frequent: " + kinds));
    // A country's own citizens leave first: their first crossing in the data is more often an exit.
    assertEquals(List.of(1L), row("SELECT CAST(avg(CASE WHEN direction = 'EXIT' THEN 1 ELSE 0 END) > 0.5 AS INT) FROM"
        + " (SELECT direction, row_number() OVER (PARTITION BY traveller_id ORDER BY event_time) AS k FROM events"
        + " WHERE citizenship = reporting_country) WHERE k = 1"));
  }

  @Test
  void theShockRaisesEntriesOfItsOriginInSeveralDestinations() throws SQLException {
    // Shock on 2022-10-30 (day 14 of 28): two weeks after against two weeks before.
    long raised = row("SELECT count(*) FROM (SELECT reporting_country,"
        + " count(*) FILTER (WHERE local_date >= DATE '2022-10-30') AS after,"
        + " count(*) FILTER (WHERE local_date < DATE '2022-10-30') AS before FROM events"
        + " WHERE citizenship = 'RU' AND direction = 'ENTRY' GROUP BY ALL) WHERE after > 1.5 * before").get(0);
    assertTrue(raised >= 5, "destinations with 50% more RU entries: " + raised);
    assertEquals(List.of(0L), row("SELECT count(*) FROM (SELECT reporting_country,"
        + " count(*) FILTER (WHERE local_date >= DATE '2022-10-30') AS after,"
        + " count(*) FILTER (WHERE local_date < DATE '2022-10-30') AS before FROM events"
        + " WHERE citizenship = 'DE' AND direction = 'ENTRY' GROUP BY ALL) WHERE after > 1.5 * before"));
  }

  @Test
  void theTruthFileGivesEachShockDestinationsStayersWithinItsWindowEntries() throws SQLException {
    // Shock on Sunday 2022-10-30: its ISO week starts on 24 October, and two weeks end on 6 November.
    sql.execute("CREATE VIEW truth AS SELECT * FROM read_csv('" + zone.resolve(LandingZoneGenerator.TRUTH)
        + "', header = true)");
    assertEquals(List.of(9L, 1L, 1L), row("SELECT count(*), count(DISTINCT window_start), count(DISTINCT window_end)"
        + " FROM truth WHERE window_start = DATE '2022-10-24' AND window_end = DATE '2022-11-06'"));
    // A stayer entered in the window; the entries-only country writes no events, so its truth is checked on counts.
    assertEquals(List.of(0L), row("SELECT count(*) FROM truth t LEFT JOIN (SELECT reporting_country, count(*) AS n"
        + " FROM events WHERE citizenship = 'RU' AND direction = 'ENTRY' AND local_date BETWEEN DATE '2022-10-24'"
        + " AND DATE '2022-11-06' GROUP BY ALL UNION ALL SELECT reporting_country, sum(crossings) FROM counts"
        + " WHERE reporting_country = 'KZ' AND citizenship = 'RU' AND direction = 'ENTRY' AND date BETWEEN"
        + " DATE '2022-10-24' AND DATE '2022-11-06' GROUP BY ALL) e ON t.destination = e.reporting_country"
        + " WHERE NOT (t.shock_arrivals_present_at_window_end BETWEEN 0 AND e.n)"));
    assertTrue(row("SELECT shock_arrivals_present_at_window_end FROM truth WHERE destination = 'GE'").get(0) > 0);
  }

  @Test
  void frontexRestatesTheEventsOfSixCountriesAndKazakhstanReportsEntriesOnly() throws SQLException {
    assertEquals(List.of(6L, 0L, 0L), row("SELECT count(DISTINCT f.reporting_country),"
        + " count(*) FILTER (WHERE e.n IS NULL), count(*) FILTER (WHERE abs(f.crossings - e.n) > 0.03 * e.n + 0.5)"
        + " FROM (SELECT * FROM counts WHERE filename LIKE '%/frontex/%') f LEFT JOIN (SELECT reporting_country,"
        + " citizenship, direction, local_date, count(*) AS n FROM events GROUP BY ALL) e"
        + " ON (f.reporting_country, f.citizenship, f.direction, f.date)"
        + " = (e.reporting_country, e.citizenship, e.direction, e.local_date)"));
    assertEquals(List.of(28L, 0L), row("SELECT count(DISTINCT date), count(*) FILTER (WHERE direction <> 'ENTRY'"
        + " OR reporting_country <> 'KZ') FROM counts WHERE filename LIKE '%/kz_border_service/%'"));
    assertEquals(List.of(0L), row("SELECT count(*) FROM events WHERE reporting_country = 'KZ'"));
  }

  private static List<Long> row(String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      assertTrue(rs.next(), query);
      Long[] values = new Long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return List.of(values);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
