package org.borderflow.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the project's {@code sample-data/} landing zone: raw Parquet for five sources, calibrated to figures
 * published about the Russian departures of August-October 2022 (see {@code sample-data/README.md}).
 *
 * <pre>
 *   daily_counts/frontex/ingest_date=2022-09-26/frontex.parquet          1 Aug - 25 Sep, RU and BY, 6 countries
 *   daily_counts/frontex/ingest_date=2022-10-31/frontex.parquet          26 Sep - 30 Oct
 *   daily_counts/kz_mvd/ingest_date=2022-10-31/kz_mvd.parquet            RU entries into Kazakhstan, no exits
 *   daily_counts/kz_mvd/ingest_date=2022-11-07/kz_mvd_correction.parquet 10-12 Oct restated
 *   daily_counts/ge_mia_daily/ingest_date=2022-10-03/ge_mia_daily.parquet  Georgia's rounded daily RU summary
 *   crossing_events/ge_mia/ingest_date=.../ge_mia-part-NNN.parquet       one file per local month, Georgia
 *   crossing_events/am_nss/ingest_date=2022-10-31/am_nss.parquet         Armenia, in its own column shape
 *   daily_counts/{frontex,kz_mvd,ge_mia_daily}/ingest_date=2022-01-10/*_history.parquet  ISO weeks 27-52 of 2019, 2021
 *   daily_counts/ru_fsb/ingest_date=2022-10-10/ru_fsb.parquet           Russia's departures to FI, GE, KZ, Q3 2022
 * </pre>
 *
 * <p>The output is a pure function of the code: fixed seeds, no clock, no Spark, so regenerating gives the same
 * bytes and a diff of {@code sample-data/} shows only intended changes. Usage: {@code SampleDataGenerator [root]}.
 */
public final class SampleDataGenerator {

    /** Georgian events are written at full published volume; the sample stays under 20 MB (see README). */
    public static final int EVENTS_DIVISOR = 1;
    /**
     * Armenian events are written at 1/{@value} of the modelled volume (on top of the events divisor), which keeps
     * {@code am_nss.parquet} under 3 MB; the figures in the README are at that scale.
     */
    public static final int ARMENIA_SCALE = 2;

    static final String DAILY_COUNTS = "daily_counts";
    static final String CROSSING_EVENTS = "crossing_events";
    /** The Frontex sample arrives in two deliveries: one just after 2022-W38, one at the end of October. */
    static final LocalDate FRONTEX_FIRST_INGEST = LocalDate.of(2022, 9, 26);
    static final LocalDate FINAL_INGEST = SampleCalendar.LAST_DAY.plusDays(1);

    private SampleDataGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args.length > 0 ? args[0] : "sample-data");
        List<WrittenFile> files = generate(root, EVENTS_DIVISOR);
        long rows = files.stream().mapToLong(WrittenFile::rows).sum();
        long bytes = files.stream().mapToLong(WrittenFile::bytes).sum();
        System.out.printf("sample-data: %d files, %,d rows, %,d bytes under %s%n", files.size(), rows, bytes,
                root.toAbsolutePath().normalize());
    }

    /**
     * Replaces {@code daily_counts/} and {@code crossing_events/} under {@code root} (anything else there, such as the
     * README, is left alone) and returns the files written, in writing order.
     *
     * @param eventsDivisor 1 for the published volume; n divides every Georgian and Armenian daily figure by n, for
     *                      quick runs
     */
    public static List<WrittenFile> generate(Path root, int eventsDivisor) throws IOException {
        deleteRecursively(root.resolve(DAILY_COUNTS));
        deleteRecursively(root.resolve(CROSSING_EVENTS));
        List<WrittenFile> files = new ArrayList<>();
        Map<String, List<DailyCount>> by2022Destination = new java.util.TreeMap<>();
        List<DailyCount> frontex = writeFrontex(root.resolve(DAILY_COUNTS).resolve(FrontexCountsGenerator.SOURCE), files);
        List<DailyCount> kazakhstan = writeKazakhstan(root.resolve(DAILY_COUNTS).resolve(KazakhstanCountsGenerator.SOURCE),
                files);
        List<DailyCount> georgia = writeGeorgia(root, eventsDivisor, files);
        writeArmenia(root.resolve(CROSSING_EVENTS).resolve(ArmeniaEventsGenerator.SOURCE),
                ARMENIA_SCALE * eventsDivisor, files);
        frontex.forEach(r -> by2022Destination.computeIfAbsent(r.reportingCountry(), c -> new ArrayList<>()).add(r));
        by2022Destination.put("KZ", kazakhstan);
        by2022Destination.put("GE", georgia);
        writeHistory(root.resolve(DAILY_COUNTS), by2022Destination, eventsDivisor, files);
        try (ParquetRowWriter<OriginCount> writer = ParquetRowWriter.originCounts(partition(
                root.resolve(DAILY_COUNTS).resolve(RussianDeparturesGenerator.SOURCE), RussianDeparturesGenerator.INGEST)
                .resolve("ru_fsb.parquet"))) {
            RussianDeparturesGenerator.rows(by2022Destination).forEach(writer::write);
            files.add(log(writer.finish()));
        }
        return files;
    }

    /**
     * Levels of the prior years relative to each destination's 2022 pre-event weeks, per year of
     * {@link PriorYearsGenerator#YEARS}; sample-data/README.md says which rest on published figures. Georgia's 2021
     * is set by its published September, 36,407 entries (divided by the events divisor, as the Georgian events are).
     */
    static final double[] FRONTEX_LEVELS = {1.6, 0.3};
    static final double[] KAZAKHSTAN_LEVELS = {0.9, 0.5};
    static final double[] GEORGIA_LEVELS = {0.8, 0.25};
    static final long GEORGIA_SEPTEMBER_2021 = 36_407;

    /** ISO weeks 27-52 of 2019 and 2021 for the six Frontex countries, Kazakhstan (entries) and Georgia. */
    private static void writeHistory(Path dailyCounts, Map<String, List<DailyCount>> by2022Destination, int divisor,
                                     List<WrittenFile> files) throws IOException {
        List<DailyCount> frontex = new ArrayList<>();
        long seed = 2019;
        for (String country : FrontexCountsGenerator.COUNTRIES) {
            frontex.addAll(PriorYearsGenerator.rows(country, by2022Destination.get(country), FRONTEX_LEVELS, true, null,
                    seed++));
        }
        writeHistoryFile(dailyCounts, FrontexCountsGenerator.SOURCE, frontex, files);
        writeHistoryFile(dailyCounts, KazakhstanCountsGenerator.SOURCE, PriorYearsGenerator.rows("KZ",
                by2022Destination.get("KZ"), KAZAKHSTAN_LEVELS, false, null, seed++), files);
        writeHistoryFile(dailyCounts, GeorgiaDailySummary.SOURCE, PriorYearsGenerator.rows("GE",
                by2022Destination.get("GE"), GEORGIA_LEVELS, true,
                new PriorYearsGenerator.PublishedMonth(2021, 9, GEORGIA_SEPTEMBER_2021 / divisor), seed), files);
    }

    private static void writeHistoryFile(Path dailyCounts, String source, List<DailyCount> rows, List<WrittenFile> files)
            throws IOException {
        files.add(log(writeCounts(partition(dailyCounts.resolve(source), PriorYearsGenerator.INGEST)
                .resolve(source + "_history.parquet"), rows)));
    }

    private static List<DailyCount> writeFrontex(Path sourceDir, List<WrittenFile> files) throws IOException {
        FrontexCountsGenerator generator = new FrontexCountsGenerator();
        List<DailyCount> rows = generator.generate();
        System.out.print("frontex: RU over FI, EE, LV, LT, PL, NO by ISO week\n" + generator.weeklySummary());
        List<DailyCount> first = new ArrayList<>();
        List<DailyCount> second = new ArrayList<>();
        for (DailyCount row : rows) {
            (row.date().isBefore(FRONTEX_FIRST_INGEST) ? first : second).add(row);
        }
        files.add(log(writeCounts(partition(sourceDir, FRONTEX_FIRST_INGEST).resolve("frontex.parquet"), first)));
        files.add(log(writeCounts(partition(sourceDir, FINAL_INGEST).resolve("frontex.parquet"), second)));
        return rows;
    }

    private static List<DailyCount> writeKazakhstan(Path sourceDir, List<WrittenFile> files) throws IOException {
        List<DailyCount> rows = new KazakhstanCountsGenerator().generate();
        files.add(log(writeCounts(partition(sourceDir, FINAL_INGEST).resolve("kz_mvd.parquet"), rows)));
        files.add(log(writeCounts(partition(sourceDir, KazakhstanCountsGenerator.CORRECTION_INGEST)
                .resolve("kz_mvd_correction.parquet"), KazakhstanCountsGenerator.correction(rows))));
        return rows;
    }

    private static WrittenFile writeCounts(Path file, List<DailyCount> rows) throws IOException {
        try (ParquetRowWriter<DailyCount> writer = ParquetRowWriter.dailyCounts(file)) {
            rows.forEach(writer::write);
            return writer.finish();
        }
    }

    /**
     * The events in one file per local month, delivered the day after the month ends (the last one with the other
     * sources), and the ministry's rounded daily summary of the same events.
     */
    private static List<DailyCount> writeGeorgia(Path root, int divisor, List<WrittenFile> files) throws IOException {
        GeorgiaEventsGenerator generator = new GeorgiaEventsGenerator(divisor);
        GeneratedEvents events = generator.generate();
        logEvents(GeorgiaEventsGenerator.SOURCE, events, divisor, generator.exitsWithoutEntry());
        Path sourceDir = root.resolve(CROSSING_EVENTS).resolve(GeorgiaEventsGenerator.SOURCE);
        int event = 0;
        for (int part = 0; event < events.size(); part++) {
            LocalDate month = events.localDate(event).withDayOfMonth(1);
            LocalDate ingest = month.plusMonths(1).isAfter(FINAL_INGEST) ? FINAL_INGEST : month.plusMonths(1);
            Path file = partition(sourceDir, ingest).resolve(String.format(Locale.ROOT, "ge_mia-part-%03d.parquet", part));
            try (ParquetRowWriter<CrossingEvent> writer = ParquetRowWriter.crossingEvents(file)) {
                for (; event < events.size() && !events.localDate(event).isAfter(month.plusMonths(1).minusDays(1));
                     event++) {
                    writer.write(events.toCrossingEvent(event));
                }
                files.add(log(writer.finish()));
            }
        }
        Path summaryDir = root.resolve(DAILY_COUNTS).resolve(GeorgiaDailySummary.SOURCE);
        files.add(log(writeCounts(partition(summaryDir, GeorgiaDailySummary.INGEST).resolve("ge_mia_daily.parquet"),
                GeorgiaDailySummary.rows(events))));
        return GeorgiaDailySummary.daily(events, SampleCalendar.FIRST_DAY, SampleCalendar.LAST_DAY);
    }

    /** One file in Armenia's own column shape, with the deliberately bad rows among the events. */
    private static void writeArmenia(Path sourceDir, int divisor, List<WrittenFile> files) throws IOException {
        ArmeniaEventsGenerator generator = new ArmeniaEventsGenerator(divisor);
        GeneratedEvents events = generator.generate();
        logEvents(ArmeniaEventsGenerator.SOURCE, events, divisor, generator.exitsWithoutEntry());
        try (ParquetRowWriter<AmNssRow> writer =
                     ParquetRowWriter.amNss(partition(sourceDir, FINAL_INGEST).resolve("am_nss.parquet"))) {
            AmNssDelivery.rows(events).forEach(writer::write);
            files.add(log(writer.finish()));
        }
    }

    private static void logEvents(String source, GeneratedEvents events, int divisor, long exitsWithoutEntry) {
        System.out.printf("%s: %,d events of %,d travellers (divisor %d), %,d exits without an entry in the data%n",
                source, events.size(), events.travellerCount(), divisor, exitsWithoutEntry);
    }

    private static Path partition(Path sourceDir, LocalDate ingestDate) {
        return sourceDir.resolve("ingest_date=" + ingestDate);
    }

    private static WrittenFile log(WrittenFile file) {
        System.out.println("wrote " + file);
        return file;
    }

    /** Deletes a folder and everything in it; a folder that does not exist is left as it is. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
