package org.borderflow.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.borderflow.config.CountryTable;
import org.borderflow.sample.SampleDataGenerator;
import org.borderflow.sample.WrittenFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a landing zone of any size for scale tests and benchmarks: {@code --events} crossing events over
 * {@code --days} days, plus the daily counts that go with them. See {@link TrafficModel} for who crosses,
 * {@link Geography} for where, and the README section "Benchmark and scale data".
 *
 * <pre>
 *   crossing_events/&lt;cc&gt;_border/ingest_date=YYYY-MM-DD/part-NNNNN.parquet   19 countries, ~rows-per-file each
 *   daily_counts/frontex/ingest_date=YYYY-MM-DD/frontex.parquet                6 of them again, every 4 weeks
 *   daily_counts/kz_border_service/ingest_date=YYYY-MM-DD/kz_border_service.parquet   entries only
 *   _truth.csv                                                                  the shock's stayers per destination
 *   _generator.properties                                                       parameters and period; written last
 * </pre>
 *
 * <p>The same arguments give the same files, whatever the number of threads. Memory does not grow with the number
 * of events: each source is generated one local day at a time, and the sources are shared out over the threads.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Writes a synthetic landing zone of N crossing events (and matching daily counts) for scale tests.")
public final class LandingZoneGenerator implements Callable<Integer> {

  /** The middle of the default period: the day of Russia's partial mobilisation, as in the default configuration. */
  static final LocalDate DEFAULT_SHOCK = LocalDate.of(2022, 9, 21);
  static final String PROPERTIES = "_generator.properties";
  static final String TRUTH = "_truth.csv";

  @Option(names = "--events", required = true, paramLabel = "N", description = "Crossing events to write, exactly.")
  long events;

  @Option(names = "--days", defaultValue = "91", paramLabel = "D", description = "Days in the period (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Landing zone root; its daily_counts/ and crossing_events/ are replaced, nothing else is touched.")
  Path out;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", paramLabel = "YYYY-MM-DD",
      description = "First day. Default: the period is centred on the shock day, 2022-09-21.")
  LocalDate start;

  @Option(names = "--rows-per-file", defaultValue = "2000000", paramLabel = "ROWS",
      description = "An event file is closed at the end of the day on which it reaches this many rows (default: ${DEFAULT-VALUE}).")
  long rowsPerFile;

  @Option(names = "--window-weeks", defaultValue = "2", paramLabel = "W",
      description = "ISO weeks of the event window the truth file is for, from the shock's week (default: ${DEFAULT-VALUE}).")
  int windowWeeks;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "T", description = "Writer threads (default: ${DEFAULT-VALUE}).")
  int threads;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LandingZoneGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (events < 10_000 || days < 7 || rowsPerFile < 1 || threads < 1 || windowWeeks < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "need --events >= 10000, --days >= 7, --rows-per-file >= 1, --threads >= 1 and --window-weeks >= 1");
    }
    LocalDate first = start != null ? start : DEFAULT_SHOCK.minusDays(days / 2);
    long began = System.nanoTime();
    TrafficModel model = new TrafficModel(seed, first, days);
    model.calibrate(events);
    System.out.printf("plan: %,d events over %s to %s, shock on %s, calibrated in %.1f s%n", events, first,
        model.day(days - 1), model.shockDate(), (System.nanoTime() - began) / 1e9);

    SampleDataGenerator.deleteRecursively(out.resolve("crossing_events"));
    SampleDataGenerator.deleteRecursively(out.resolve("daily_counts"));
    Files.deleteIfExists(out.resolve(PROPERTIES));
    Files.deleteIfExists(out.resolve(TRUTH));
    List<WrittenFile> files = writeAll(model);

    double seconds = (System.nanoTime() - began) / 1e9;
    long eventRows = files.stream().filter(f -> f.path().startsWith(out.resolve("crossing_events")))
        .mapToLong(WrittenFile::rows).sum();
    if (eventRows != events) {
      throw new IllegalStateException("wrote " + eventRows + " events instead of " + events);
    }
    long bytes = files.stream().mapToLong(WrittenFile::bytes).sum();
    writeTruth(model);
    writeProperties(model, files.size());
    System.out.printf("generated %,d events (%d files, %,d bytes in all) under %s in %.1f s: %,.0f events/s%n",
        eventRows, files.size(), bytes, out.toAbsolutePath().normalize(), seconds, eventRows / seconds);
    return 0;
  }

  /** Event sources, busiest first so that the threads finish together, and the daily counts last. */
  private List<WrittenFile> writeAll(TrafficModel model) throws IOException, InterruptedException {
    Map<String, String> zones = CountryTable.load("").zoneByAlpha2();
    List<Integer> countries = new ArrayList<>();
    for (int c = 0; c < Geography.COUNTRIES.size(); c++) {
      if (Geography.writesEvents(c)) {
        countries.add(c);
      }
    }
    countries.sort(Comparator.comparingDouble((Integer c) -> -Geography.COUNTRIES.get(c).volume()));
    List<Callable<List<WrittenFile>>> tasks = new ArrayList<>();
    for (int c : countries) {
      ZoneId zone = ZoneId.of(zones.get(Geography.COUNTRIES.get(c).code()));
      tasks.add(new EventSourceWriter(model, c, zone, out.resolve("crossing_events"), rowsPerFile, seed));
    }
    tasks.add(new DailyCountsWriter(model, out.resolve("daily_counts"), seed));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<WrittenFile> files = new ArrayList<>();
      for (Future<List<WrittenFile>> result : pool.invokeAll(tasks)) {
        files.addAll(result.get());
      }
      return files;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The known truth an estimate of the shock is judged by: per destination of the shock, its origin's citizens who
   * entered because of it from the Monday of its week to the Sunday {@code --window-weeks} weeks on and were still
   * there at that Sunday's end; the excess_net of an event with that window estimates it.
   */
  private void writeTruth(TrafficModel model) throws IOException {
    LocalDate windowStart = model.shockDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(
        java.time.DayOfWeek.MONDAY));
    LocalDate windowEnd = windowStart.plusWeeks(windowWeeks).minusDays(1);
    int from = (int) java.time.temporal.ChronoUnit.DAYS.between(model.firstDay(), windowStart);
    int to = (int) java.time.temporal.ChronoUnit.DAYS.between(model.firstDay(), windowEnd);
    try (Writer w = Files.newBufferedWriter(out.resolve(TRUTH), StandardCharsets.UTF_8)) {
      w.write("origin,destination,window_start,window_end,shock_arrivals_present_at_window_end,days_in_data\n");
      for (String destination : new java.util.TreeSet<>(TrafficModel.SHOCK_AMPLITUDE.keySet())) {
        int country = Geography.country(destination);
        // A window that runs past the data is cut at its last day, and says so.
        int daysInData = Math.max(0, Math.min(to, model.days() - 1) - Math.max(from, 0) + 1);
        w.write(String.join(",", TrafficModel.SHOCK_ORIGIN, destination, windowStart.toString(),
            windowEnd.toString(), Long.toString(model.shockArrivalsStillPresent(country, from, to)),
            Integer.toString(daysInData)) + "\n");
      }
    }
  }

  /** Written last: its presence says the landing zone is complete, and it names the period for --as-of. */
  private void writeProperties(TrafficModel model, int fileCount) throws IOException {
    try (Writer w = Files.newBufferedWriter(out.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      w.write("# Written by org.borderflow.generate.LandingZoneGenerator: same parameters, same files.\n");
      w.write("events=" + events + "\n");
      w.write("days=" + days + "\n");
      w.write("seed=" + seed + "\n");
      w.write("rows_per_file=" + rowsPerFile + "\n");
      w.write("first_day=" + model.firstDay() + "\n");
      w.write("last_day=" + model.day(days - 1) + "\n");
      w.write("shock_day=" + model.shockDate() + "\n");
      w.write("shock_origin=" + TrafficModel.SHOCK_ORIGIN + "\n");
      w.write("files=" + fileCount + "\n");
    }
  }
}
