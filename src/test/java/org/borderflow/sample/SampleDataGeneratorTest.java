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
import java.time.ZoneId;
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
        assertEquals(6, files.size(), "files: " + files);
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
            if (row.getString("citizenship", 0).equals("RU")) {
                LocalDate date = LocalDate.ofEpochDay(row.getInteger("date", 0));
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
        long mobilisationWeek = 0;
        List<Group> rows = read(quick.resolve("daily_counts/kz_mvd"));
        assertEquals(SampleCalendar.DAYS, rows.size());
        for (Group row : rows) {
            assertEquals("ENTRY", row.getString("direction", 0));
            assertEquals("RU", row.getString("citizenship", 0));
            LocalDate date = LocalDate.ofEpochDay(row.getInteger("date", 0));
            if (!date.isBefore(LocalDate.of(2022, 9, 21)) && !date.isAfter(LocalDate.of(2022, 9, 27))) {
                mobilisationWeek += row.getLong("crossings", 0);
            }
        }
        assertEquals(98_000L, mobilisationWeek);
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
        Path committed = Paths.get(System.getProperty("borderflow.project.dir", ".")).resolve("sample-data");
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
