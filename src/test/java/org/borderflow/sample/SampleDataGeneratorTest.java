package org.borderflow.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample landing zone: reproducible to the byte, and calibrated to the published figures, checked by reading the
 * files back rather than by trusting the generator. No Spark: parquet-hadoop's own reader is enough and fast.
 *
 * <p>Most checks use a run with the Georgian events divided by {@value #QUICK_DIVISOR}; the daily counts do not depend
 * on it. One test regenerates the full sample and compares it with the committed {@code sample-data/}; when it fails,
 * regenerate with {@code ./jobs/generate-sample.sh} and commit the result.
 */
class SampleDataGeneratorTest {

    private static final int QUICK_DIVISOR = 20;
    private static final ZoneId TBILISI = ZoneId.of("Asia/Tbilisi");
    private static final DateTimeFormatter AM_LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    @TempDir
    static Path workDir;

    private static Path quick;

    @BeforeAll
    static void generateQuickSample() throws IOException {
        quick = workDir.resolve("quick");
        SampleDataGenerator.generate(quick, QUICK_DIVISOR);
    }

    @Test
    void writesTheSameBytesOnEveryRun() throws IOException {
        Path again = workDir.resolve("again");
        SampleDataGenerator.generate(again, QUICK_DIVISOR);

        List<Path> files = parquetFiles(quick);
        assertEquals(files, parquetFiles(again), "same files");
        assertEquals(9 + 4, files.size(), "files, the three prior-year histories and ru_fsb among them: " + files);
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(quick.resolve(file)), Files.readAllBytes(again.resolve(file)),
                    "bytes of " + file);
        }
        try (Stream<Path> all = Files.walk(quick)) {
            assertFalse(all.anyMatch(p -> p.getFileName().toString().endsWith(".crc")), "no .crc side files");
        }
    }

    @Test
    void frontexMeetsThePublishedWeeklyFigures() throws IOException {
        Map<String, Long> ru = new HashMap<>();
        for (Group row : read(quick.resolve("daily_counts/frontex"))) {
            assertEquals(0, row.getFieldRepetitionCount("crossing_point"), "crossing_point is null");
            assertEquals(0, row.getFieldRepetitionCount("border_type"), "border_type is null");
            LocalDate date = LocalDate.ofEpochDay(row.getInteger("date", 0));
            // The prior-year history has weeks of the same numbers: these figures are 2022's.
            if (row.getString("citizenship", 0).equals("RU") && date.getYear() == 2022) {
                String direction = row.getString("direction", 0);
                long crossings = row.getLong("crossings", 0);
                ru.merge("W" + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + " " + direction, crossings, Long::sum);
                ru.merge(row.getString("reporting_country", 0) + " " + date + " " + direction, crossings, Long::sum);
            }
        }

        assertEquals(65_951L, ru.get("W38 ENTRY"));
        assertEquals(48_272L, ru.get("W38 EXIT"));
        assertEquals(17_679L, ru.get("W38 ENTRY") - ru.get("W38 EXIT"), "W38 net");
        long baseline = 0;
        for (int week = 34; week <= 37; week++) {
            baseline += ru.get("W" + week + " ENTRY");
            long net = ru.get("W" + week + " ENTRY") - ru.get("W" + week + " EXIT");
            assertTrue(net > 0 && net < 2_500, "small positive baseline net in W" + week + ": " + net);
        }
        assertEquals(202_926L, baseline, "W34-W37 entries");
        assertEquals(1.30, ru.get("W38 ENTRY") / (baseline / 4.0), 1.30 * 0.0005, "W38 uplift over the baseline");
        assertEquals(28_164L, ru.get("W43 ENTRY"));
        assertEquals(25_651L, ru.get("W43 EXIT"));
        assertTrue(ru.get("W40 EXIT") > ru.get("W40 ENTRY"), "more exits than entries in W40");

        assertEquals(4_824L, ru.get("FI 2022-09-21 ENTRY"));
        assertEquals(7_667L, ru.get("FI 2022-09-23 ENTRY"));
        assertEquals(3_545L, ru.get("FI 2022-09-23 EXIT"));
        assertEquals(8_572L, ru.get("FI 2022-09-24 ENTRY"));
        assertEquals(4_199L, ru.get("FI 2022-09-24 EXIT"));
        assertEquals(8_314L, ru.get("FI 2022-09-25 ENTRY"));
        assertEquals(5_068L, ru.get("FI 2022-09-25 EXIT"));
        assertEquals(7_747L, ru.get("FI 2022-09-26 ENTRY"));
        assertEquals(7_056L, ru.get("FI 2022-09-27 ENTRY"));
        assertEquals(784L, ru.get("FI 2022-10-04 ENTRY"));
        assertEquals(1_289L, ru.get("FI 2022-10-04 EXIT"));
        for (LocalDate day = LocalDate.of(2022, 9, 30); !day.isAfter(LocalDate.of(2022, 10, 30));
             day = day.plusDays(1)) {
            assertTrue(ru.get("FI " + day + " ENTRY") < 1_000, "Finland closed to tourists on " + day);
        }
    }

    @Test
    void priorYearsMeetGeorgiasPublishedSeptember2021AndRussiasQuarterMeetsTheFsbFigures() throws IOException {
        Map<String, Long> sums = new HashMap<>();
        for (Group row : read(quick.resolve("daily_counts/ge_mia_daily/ingest_date=2022-01-10"))) {
            LocalDate date = LocalDate.ofEpochDay(row.getInteger("date", 0));
            sums.merge(date.getYear() + "-" + date.getMonthValue() + " " + row.getString("direction", 0),
                    row.getLong("crossings", 0), Long::sum);
        }
        assertEquals(SampleDataGenerator.GEORGIA_SEPTEMBER_2021 / QUICK_DIVISOR, sums.get("2021-9 ENTRY"));
        assertTrue(sums.get("2019-9 ENTRY") > 0, "2019 is there too");
        for (Group row : read(quick.resolve("daily_counts/ru_fsb"))) {
            assertEquals("RU", row.getString("reporting_country", 0));
            assertEquals("EXIT", row.getString("direction", 0));
            sums.merge("fsb " + row.getString("counterpart_country", 0), row.getLong("crossings", 0), Long::sum);
        }
        assertEquals(1_300_000L, sums.get("fsb KZ"));
        assertEquals(461_000L, sums.get("fsb GE"));
        assertEquals(430_000L, sums.get("fsb FI"));
    }

    @Test
    void frontexArrivesInTwoDeliveriesSplitAfterWeek38() throws IOException {
        List<Group> first = read(quick.resolve("daily_counts/frontex/ingest_date=2022-09-26"));
        List<Group> second = read(quick.resolve("daily_counts/frontex/ingest_date=2022-10-31"));
        assertEquals(LocalDate.of(2022, 9, 25), LocalDate.ofEpochDay(
                first.stream().mapToInt(g -> g.getInteger("date", 0)).max().orElseThrow()));
        assertEquals(LocalDate.of(2022, 9, 26), LocalDate.ofEpochDay(
                second.stream().mapToInt(g -> g.getInteger("date", 0)).min().orElseThrow()));
    }

    @Test
    void kazakhstanReportsEntriesOnly() throws IOException {
        List<Group> rows = read(quick.resolve("daily_counts/kz_mvd/ingest_date=2022-10-31"));
        assertEquals(SampleCalendar.DAYS, rows.size());
        for (Group row : rows) {
            assertEquals("ENTRY", row.getString("direction", 0));
            assertEquals("RU", row.getString("citizenship", 0));
        }
        assertEquals(98_000L, sumOfDays(countsByDate(rows), LocalDate.of(2022, 9, 21), LocalDate.of(2022, 9, 27)));
    }

    /** The correction of 7 November restates 10-12 October only; read as the pipeline does, the later file wins. */
    @Test
    void kazakhstanCorrectionRestatesThreeOctoberDays() throws IOException {
        Map<LocalDate, Long> original = countsByDate(read(quick.resolve("daily_counts/kz_mvd/ingest_date=2022-10-31")));
        List<Group> correction = read(quick.resolve("daily_counts/kz_mvd/ingest_date=2022-11-07"));
        Map<LocalDate, Long> restated = countsByDate(correction);
        assertEquals(3, correction.size());
        for (Group row : correction) {
            assertEquals("KZ", row.getString("reporting_country", 0));
            assertEquals("RU", row.getString("citizenship", 0));
            assertEquals("ENTRY", row.getString("direction", 0));
            assertEquals(0, row.getFieldRepetitionCount("crossing_point"), "crossing_point is null");
            assertEquals(0, row.getFieldRepetitionCount("border_type"), "border_type is null");
        }
        assertEquals(original.get(LocalDate.of(2022, 10, 10)) + 150, restated.get(LocalDate.of(2022, 10, 10)));
        assertEquals(original.get(LocalDate.of(2022, 10, 11)) - 80, restated.get(LocalDate.of(2022, 10, 11)));
        assertEquals(original.get(LocalDate.of(2022, 10, 12)) + 60, restated.get(LocalDate.of(2022, 10, 12)));

        Map<LocalDate, Long> laterFileWins = new HashMap<>(original);
        laterFileWins.putAll(restated);
        assertEquals(98_000L, sumOfDays(laterFileWins, LocalDate.of(2022, 9, 21), LocalDate.of(2022, 9, 27)),
                "the mobilisation week is not restated");
    }

    /** Georgia's daily summary is its own events' RU counts per local day, rounded to the nearest 100. */
    @Test
    void georgianDailySummaryIsTheEventsRoundedToHundreds() throws IOException {
        Map<String, Long> events = new HashMap<>();
        for (Group row : read(quick.resolve("crossing_events/ge_mia"))) {
            if (row.getString("citizenship", 0).equals("RU")) {
                events.merge(localDate(row, TBILISI) + " " + row.getString("direction", 0), 1L, Long::sum);
            }
        }
        List<Group> summary = read(quick.resolve("daily_counts/ge_mia_daily/ingest_date=2022-10-03"));
        assertEquals(28, summary.size(), "14 days, ENTRY and EXIT");
        Set<LocalDate> days = new HashSet<>();
        for (Group row : summary) {
            LocalDate date = LocalDate.ofEpochDay(row.getInteger("date", 0));
            days.add(date);
            assertEquals("GE", row.getString("reporting_country", 0));
            assertEquals("RU", row.getString("citizenship", 0));
            assertEquals(0, row.getFieldRepetitionCount("crossing_point"), "crossing_point is null");
            assertEquals(0, row.getFieldRepetitionCount("border_type"), "border_type is null");
            long counted = events.get(date + " " + row.getString("direction", 0));
            long published = row.getLong("crossings", 0);
            assertEquals(0, published % 100, "a round figure: " + published);
            assertTrue(Math.abs(published - counted) <= 50 && published - counted != -50,
                    "nearest 100, halves up: " + counted + " -> " + published);
        }
        assertEquals(LocalDate.of(2022, 9, 19), days.stream().min(LocalDate::compareTo).orElseThrow());
        assertEquals(LocalDate.of(2022, 10, 2), days.stream().max(LocalDate::compareTo).orElseThrow());
        assertEquals(14, days.size());
        assertEquals(11_100L, GeorgiaDailySummary.rounded(11_143));
        assertEquals(10_800L, GeorgiaDailySummary.rounded(10_804));
        assertEquals(11_200L, GeorgiaDailySummary.rounded(11_150));
    }

    /** Armenia's file keeps its own shape, carries the five deliberately bad rows and the surge of late September. */
    @Test
    void armeniaDeliversItsOwnShapeWithTheDeliberatelyBadRows() throws IOException {
        List<Group> rows = read(quick.resolve("crossing_events/am_nss/ingest_date=2022-10-31"));
        assertEquals(List.of("record_id", "crossed_at", "country", "checkpoint", "mode", "person_ref", "nationality",
                "gender", "year_of_birth", "movement"),
                rows.get(0).getType().getFields().stream().map(f -> f.getName()).toList());

        Map<String, List<Group>> bad = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> generatedTravellers = new HashSet<>();
        Map<String, Long> ru = new HashMap<>();
        for (Group row : rows) {
            String id = row.getString("record_id", 0);
            if (id.startsWith("am-bad-")) {
                bad.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
                continue;
            }
            assertTrue(id.startsWith("am-nss-") && ids.add(id), "unique generated record_id " + id);
            assertEquals("AM", row.getString("country", 0));
            assertTrue(List.of("IN", "OUT").contains(row.getString("movement", 0)));
            assertTrue(List.of("RUS", "BLR", "UKR", "USA").contains(row.getString("nationality", 0)));
            String checkpoint = row.getString("checkpoint", 0);
            assertEquals(checkpoint.equals("AM-ZVARTNOTS") ? "AIR" : "LAND", row.getString("mode", 0), checkpoint);
            generatedTravellers.add(row.getString("person_ref", 0));
            LocalDate day = LocalDateTime.parse(row.getString("crossed_at", 0), AM_LOCAL_TIME).toLocalDate();
            assertTrue(!day.isBefore(SampleCalendar.FIRST_DAY) && !day.isAfter(SampleCalendar.LAST_DAY), "day " + day);
            if (row.getString("nationality", 0).equals("RUS")) {
                ru.merge(day + " " + row.getString("movement", 0), 1L, Long::sum);
            }
        }

        assertEquals(Set.of("am-bad-unknown-nationality", "am-bad-transit-movement", "am-bad-impossible-time",
                "am-bad-no-person-ref", "am-bad-redelivered"), bad.keySet());
        assertEquals("XXX", bad.get("am-bad-unknown-nationality").get(0).getString("nationality", 0));
        assertEquals("TRANSIT", bad.get("am-bad-transit-movement").get(0).getString("movement", 0));
        assertEquals("2022-09-31 25:61:00", bad.get("am-bad-impossible-time").get(0).getString("crossed_at", 0));
        assertEquals(0, bad.get("am-bad-no-person-ref").get(0).getFieldRepetitionCount("person_ref"),
                "person_ref is null");
        List<Group> redelivered = bad.get("am-bad-redelivered");
        assertEquals(2, redelivered.size(), "the re-delivered event is in the file twice");
        assertEquals(redelivered.get(0).toString(), redelivered.get(1).toString(), "with the same content");
        assertEquals(redelivered.get(0).toString(), rows.get(rows.size() - 1).toString(), "the copy comes last");
        for (Map.Entry<String, List<Group>> entry : bad.entrySet()) {
            Group row = entry.getValue().get(0);
            if (row.getFieldRepetitionCount("person_ref") > 0) {
                assertFalse(generatedTravellers.contains(row.getString("person_ref", 0)),
                        entry.getKey() + " has a traveller of its own");
            }
        }

        // The modelled daily figures divided by the Armenian scale and the quick divisor, rounded.
        int divisor = SampleDataGenerator.ARMENIA_SCALE * QUICK_DIVISOR;
        for (LocalDate day = SampleCalendar.FIRST_DAY; day.isBefore(LocalDate.of(2022, 9, 21)); day = day.plusDays(1)) {
            assertBetween(1_500, 2_500, divisor, ru.get(day + " IN"), "RU arrivals before the order on " + day);
        }
        for (LocalDate day = LocalDate.of(2022, 9, 22); !day.isAfter(LocalDate.of(2022, 9, 28)); day = day.plusDays(1)) {
            long entries = ru.get(day + " IN");
            assertBetween(5_000, 6_000, divisor, entries, "RU arrivals in the surge on " + day);
            assertTrue(ru.get(day + " OUT") < entries, "fewer exits than entries on " + day);
        }
        for (LocalDate day = LocalDate.of(2022, 10, 15); !day.isAfter(SampleCalendar.LAST_DAY); day = day.plusDays(1)) {
            assertBetween(1_500, 2_500, divisor, ru.get(day + " IN"), "back near the summer level on " + day);
        }
    }

    /** The committed files at full scale hit the published Georgian days in the ministry's rounding. */
    @Test
    void committedGeorgianSummaryRoundsThePublishedDays() throws IOException {
        Path committed = committedSampleData();
        Path summary = committed.resolve("daily_counts/ge_mia_daily");
        Assumptions.assumeTrue(Files.isDirectory(summary), "no committed ge_mia_daily");
        Map<String, Long> published = new HashMap<>();
        for (Group row : read(summary)) {
            published.put(LocalDate.ofEpochDay(row.getInteger("date", 0)) + " " + row.getString("direction", 0),
                    row.getLong("crossings", 0));
        }
        assertEquals(11_100L, published.get("2022-09-25 ENTRY"), "11,143 events");
        assertEquals(10_800L, published.get("2022-09-26 ENTRY"), "10,804 events");
    }

    /** At divisor n the published Georgian figures are divided by n and rounded. */
    @Test
    void georgianEventsMeetTheScaledPublishedDays() throws IOException {
        Map<String, Long> ru = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        Map<String, String> lastDirection = new HashMap<>();
        long localDayDiffersFromUtcDay = 0;
        for (Group row : read(quick.resolve("crossing_events/ge_mia"))) {
            assertTrue(eventIds.add(row.getString("event_id", 0)), "unique event_id");
            long micros = row.getLong("event_time", 0);
            java.time.Instant instant = java.time.Instant.ofEpochSecond(micros / 1_000_000);
            LocalDate localDay = instant.atZone(TBILISI).toLocalDate();
            if (!localDay.equals(instant.atZone(java.time.ZoneOffset.UTC).toLocalDate())) {
                localDayDiffersFromUtcDay++;
            }
            String direction = row.getString("direction", 0);
            String previous = lastDirection.put(row.getString("traveller_id", 0), direction);
            assertFalse(direction.equals(previous), "a traveller alternates between ENTRY and EXIT");
            if (row.getString("citizenship", 0).equals("RU")) {
                ru.merge(localDay + " " + direction, 1L, Long::sum);
            }
        }
        assertEquals(Math.round(11_143 / (double) QUICK_DIVISOR), ru.get("2022-09-25 ENTRY"));
        assertEquals(Math.round(10_804 / (double) QUICK_DIVISOR), ru.get("2022-09-26 ENTRY"));
        long entries = 0;
        long exits = 0;
        for (int day = 23; day <= 26; day++) {
            entries += ru.get("2022-09-" + day + " ENTRY");
            exits += ru.get("2022-09-" + day + " EXIT");
        }
        assertEquals(Math.round(40_548 / (double) QUICK_DIVISOR), entries);
        assertEquals(Math.round(22_929 / (double) QUICK_DIVISOR), exits);
        assertTrue(localDayDiffersFromUtcDay > 0, "some events fall on another UTC day than their local day");
    }

    /** The committed sample is what the code generates: a change to the generator must come with new data. */
    @Test
    void committedSampleDataIsWhatTheGeneratorWrites() throws IOException {
        Path committed = committedSampleData();
        Assumptions.assumeTrue(Files.isDirectory(committed.resolve("daily_counts")), "no committed sample-data");
        Path full = workDir.resolve("full");
        SampleDataGenerator.generate(full, SampleDataGenerator.EVENTS_DIVISOR);
        List<Path> files = parquetFiles(full);
        assertEquals(files, parquetFiles(committed), "committed files differ: regenerate with ./jobs/generate-sample.sh");
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(full.resolve(file)), Files.readAllBytes(committed.resolve(file)),
                    file + " differs from the generator: regenerate with ./jobs/generate-sample.sh");
        }
    }

    private static Path committedSampleData() {
        return Paths.get(System.getProperty("borderflow.project.dir", ".")).resolve("sample-data");
    }

    private static LocalDate localDate(Group event, ZoneId zone) {
        return java.time.Instant.ofEpochSecond(event.getLong("event_time", 0) / 1_000_000).atZone(zone).toLocalDate();
    }

    private static Map<LocalDate, Long> countsByDate(List<Group> rows) {
        Map<LocalDate, Long> counts = new HashMap<>();
        for (Group row : rows) {
            counts.merge(LocalDate.ofEpochDay(row.getInteger("date", 0)), row.getLong("crossings", 0), Long::sum);
        }
        return counts;
    }

    private static long sumOfDays(Map<LocalDate, Long> counts, LocalDate from, LocalDate to) {
        long sum = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            sum += counts.get(day);
        }
        return sum;
    }

    /** {@code value} lies in [min, max] divided by {@code divisor} and rounded. */
    private static void assertBetween(long min, long max, int divisor, long value, String what) {
        assertTrue(value >= Math.round(min / (double) divisor) && value <= Math.round(max / (double) divisor),
                what + ": " + value + " at 1/" + divisor + " of " + min + "-" + max);
    }

    /** The Parquet files under {@code root}, relative to it, in path order (following {@code root} if a link). */
    private static List<Path> parquetFiles(Path root) throws IOException {
        Path dir = root.toRealPath();
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(".parquet")).map(dir::relativize).sorted().toList();
        }
    }

    private static List<Group> read(Path dir) throws IOException {
        List<Group> rows = new ArrayList<>();
        for (Path file : parquetFiles(dir)) {
            try (ParquetReader<Group> reader = new GroupReaderBuilder(dir.resolve(file)).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** parquet-hadoop's example reader on a local file, without a Hadoop file system. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(Path file) {
            super(new LocalInputFile(file));
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
