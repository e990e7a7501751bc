package org.borderflow.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.borderflow.sample.DailyCount;
import org.borderflow.sample.Direction;
import org.borderflow.sample.ParquetRowWriter;
import org.borderflow.sample.WrittenFile;

/**
 * The daily counts beside the events, from the same plan:
 * <ul>
 *   <li>{@code daily_counts/frontex/}: the {@link Geography#FRONTEX} countries' entries and exits per day and
 *       citizenship, country-wide, within 3% of what their event logs hold (pooled figures are never quite the
 *       national ones), delivered every four weeks. The pipeline counts the events and sets these aside;</li>
 *   <li>{@code daily_counts/kz_border_service/}: the entries of the country that publishes no events and no exits,
 *       delivered once at the end.</li>
 * </ul>
 */
final class DailyCountsWriter implements Callable<List<WrittenFile>> {

  /** Frontex delivers every four weeks. */
  private static final int DELIVERY_DAYS = 28;
  private static final double FRONTEX_DEVIATION = 0.03;

  private final TrafficModel model;
  private final Path dailyCountsDir;
  private final long seed;

  DailyCountsWriter(TrafficModel model, Path dailyCountsDir, long seed) {
    this.model = model;
    this.dailyCountsDir = dailyCountsDir;
    this.seed = seed;
  }

  @Override
  public List<WrittenFile> call() throws IOException {
    List<WrittenFile> files = new ArrayList<>();
    for (int from = 0; from < model.days(); from += DELIVERY_DAYS) {
      int to = Math.min(model.days(), from + DELIVERY_DAYS);
      List<DailyCount> rows = new ArrayList<>();
      for (int c = 0; c < Geography.COUNTRIES.size(); c++) {
        if (Geography.FRONTEX.contains(Geography.COUNTRIES.get(c).code())) {
          addCounts(rows, c, from, to, true);
        }
      }
      files.add(write(Geography.FRONTEX_SOURCE, to, rows));
    }
    List<DailyCount> entries = new ArrayList<>();
    addCounts(entries, Geography.country(Geography.ENTRIES_ONLY), 0, model.days(), false);
    files.add(write(Geography.ENTRIES_ONLY_SOURCE, model.days(), entries));
    return files;
  }

  /** Country-wide rows of days {@code [from, to)}; with {@code frontex}, both directions and a small deviation. */
  private void addCounts(List<DailyCount> rows, int country, int from, int to, boolean frontex) {
    String code = Geography.COUNTRIES.get(country).code();
    for (int d = from; d < to; d++) {
      LocalDate date = model.day(d);
      for (int z = 0; z < Geography.CITIZENSHIPS.size(); z++) {
        long[] counts = model.entriesAndExits(country, z, d);
        for (Direction direction : frontex ? Direction.values() : new Direction[] {Direction.ENTRY}) {
          long count = counts[direction.ordinal()];
          if (frontex) {
            long key = Keyed.key(Keyed.key(Keyed.key(Keyed.key(seed, 0xF7), country), z), d);
            double deviation = FRONTEX_DEVIATION * (2 * Keyed.unit(Keyed.key(key, direction.ordinal())) - 1);
            count = Math.round(count * (1 + deviation));
          }
          if (count > 0) {
            rows.add(DailyCount.countryWide(date, code, Geography.CITIZENSHIPS.get(z), direction, count));
          }
        }
      }
    }
  }

  private WrittenFile write(String source, int endDay, List<DailyCount> rows) throws IOException {
    Path file = dailyCountsDir.resolve(source).resolve("ingest_date=" + model.day(endDay))
        .resolve(source + ".parquet");
    try (ParquetRowWriter<DailyCount> writer = ParquetRowWriter.dailyCounts(file)) {
      rows.forEach(writer::write);
      WrittenFile written = writer.finish();
      System.out.println("wrote " + written);
      return written;
    }
  }
}
