package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.borderflow.ingest.RawFixtures.count;
import static org.borderflow.ingest.RawFixtures.counts;
import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class RowValidationTest extends SparkTestBase {

  private static final List<String> CODES = List.of("FI", "RU", "GE", "BY");
  private static final Map<String, String> ZONES =
      Map.of("FI", "Europe/Helsinki", "GE", "Asia/Tbilisi", "RU", "Europe/Moscow", "BY", "Europe/Minsk");
  private static final RowValidation.Limits LIMITS = RawFixtures.LIMITS;

  @Test
  void countsRulesGiveOneReasonPerBrokenRowAndNoneForValidRows() {
    Dataset<Row> raw = counts(
        count("2022-09-20", "FI", null, null, "RU", "ENTRY", 10L, "s", "f", 0),
        count(null, "FI", null, null, "RU", "ENTRY", 10L, "s", "f", 1),
        count("2022-09-20", "XX", null, null, "RU", "ENTRY", 10L, "s", "f", 2),
        count("2022-09-20", "FI", null, null, "rus", "ENTRY", 10L, "s", "f", 3),
        count("2022-09-20", "FI", null, null, "RU", "IN", 10L, "s", "f", 4),
        count("2022-09-20", "FI", null, "RAIL", "RU", "ENTRY", 10L, "s", "f", 5),
        count("2022-09-20", "FI", null, null, "RU", "EXIT", -1L, "s", "f", 6),
        count("2022-09-20", "FI", null, null, "RU", "EXIT", 5_000_000L, "s", "f", 7),
        count("1989-12-31", "FI", null, null, "RU", "EXIT", 1L, "s", "f", 8),
        count("2023-01-01", "FI", null, null, "RU", "EXIT", 1L, "s", "f", 9),
        count("2022-09-20", "FI", null, null, "RU", "EXIT", null, "s", "f", 10));
    Dataset<Row> validated = RowValidation.validateCounts(raw, CODES, LIMITS);
    List<String> reasons = validated.orderBy("row_index").select(RowValidation.REASON).collectAsList().stream()
        .map(r -> String.valueOf(r.get(0))).toList();
    assertEquals(List.of(
        "null",
        "required column date is null",
        "reporting_country 'XX' is not an ISO 3166-1 alpha-2 country code",
        "citizenship 'rus' is not an ISO 3166-1 alpha-2 country code",
        "direction 'IN' is not ENTRY or EXIT",
        "border_type 'RAIL' is not LAND, SEA or AIR",
        "crossings '-1' is negative",
        "crossings '5000000' exceeds the plausible maximum of 1000000 per row",
        "date 1989-12-31 is before 1990-01-01",
        "date 2023-01-01 is after the run's as-of date 2022-12-31",
        "required column crossings is null"), reasons);
    long valid = validated.where(col(RowValidation.REASON).isNull()).count();
    long invalid = validated.where(col(RowValidation.REASON).isNotNull()).count();
    assertEquals(raw.count(), valid + invalid, "every row is either valid or rejected");
  }

  @Test
  void eventDateIsTheLocalDateOfTheReportingCountry() {
    Dataset<Row> raw = events(
        event("a", "2022-09-25T22:30:00Z", "FI", "ENTRY", "RU", "t1", "f", 0),
        event("b", "2022-09-25T20:59:59Z", "FI", "ENTRY", "RU", "t1", "f", 1),
        event("c", "2022-09-25T20:30:00Z", "GE", "ENTRY", "RU", "t2", "f", 2),
        event("d", "2022-09-25T19:59:59Z", "GE", "ENTRY", "RU", "t2", "f", 3));
    List<String> dates = RowValidation.validateEvents(raw, ZONES, LIMITS).orderBy("row_index")
        .select("event_id", "date").collectAsList().stream().map(Row::toString).toList();
    // Helsinki is UTC+3 in September 2022 (summer time); Tbilisi UTC+4 all year.
    assertEquals(List.of("[a,2022-09-26]", "[b,2022-09-25]", "[c,2022-09-26]", "[d,2022-09-25]"), dates);
  }

  @Test
  void eventRulesCoverNullsCodesAndFutureLocalDates() {
    Dataset<Row> raw = events(
        event(null, "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t", "f", 0),
        event("b", null, "FI", "ENTRY", "RU", "t", "f", 1),
        event("c", "2022-09-20T10:00:00Z", "ZZ", "ENTRY", "RU", "t", "f", 2),
        event("d", "2022-12-31T22:30:00Z", "FI", "ENTRY", "RU", "t", "f", 3),
        event("e", "2022-09-20T10:00:00Z", "FI", "EXIT", "RU", null, "f", 4));
    List<String> reasons = RowValidation.validateEvents(raw, ZONES, LIMITS).orderBy("row_index")
        .select(RowValidation.REASON).collectAsList().stream().map(r -> String.valueOf(r.get(0))).toList();
    assertEquals(List.of(
        "required column event_id is null",
        "required column event_time is null",
        "reporting_country 'ZZ' is not an ISO 3166-1 alpha-2 country code",
        "date 2023-01-01 is after the run's as-of date 2022-12-31",
        "required column traveller_id is null"), reasons);
  }
}
