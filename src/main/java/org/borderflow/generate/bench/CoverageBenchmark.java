package org.borderflow.generate.bench;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.config.ConfigLoader;
import org.borderflow.config.EventDefinition;
import org.borderflow.config.PipelineSettings;
import org.borderflow.estimate.ExodusEstimator;
import org.borderflow.generate.Scenario;
import org.borderflow.jobs.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Tests the estimate's intervals instead of assuming them: generates many scenarios with known truth (different
 * seeds and shock sizes, {@link Scenario}), runs the estimate stage on their weekly tables in one session and
 * prints, per baseline and kind of destination, the bias of excess_net against the truth and the share of 95%
 * intervals that hold it. The event is the configuration's first (default: ru-mobilisation-2022, its window,
 * destinations, pre-event weeks and prior years); each scenario is that event under its own origin code, so all
 * scenarios go through the estimator as one job.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Bias and interval coverage of the exodus estimates over generated scenarios with known truth.")
public final class CoverageBenchmark implements Callable<Integer> {

  @Option(names = "--scenarios", defaultValue = "120", paramLabel = "N", description = "Scenarios (default: ${DEFAULT-VALUE}).")
  int scenarios;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the first scenario; scenario i uses S + i (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--min-shock", defaultValue = "0.25", paramLabel = "X", description = "Smallest shock, times the generator's usual one (default: ${DEFAULT-VALUE}).")
  double minShock;

  @Option(names = "--max-shock", defaultValue = "2.0", paramLabel = "X", description = "Largest shock (default: ${DEFAULT-VALUE}).")
  double maxShock;

  @Option(names = "--volume", defaultValue = "110000", paramLabel = "C", description = "Crossings a day over the event countries, as 10 million events over 91 days (default: ${DEFAULT-VALUE}).")
  double volume;

  @Option(names = "--conf", paramLabel = "FILE", description = "Job configuration file whose first event is simulated.")
  Path conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Configuration override, as for the pipeline.")
  List<String> overrides = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new CoverageBenchmark()).execute(args));
  }

  @Override
  public Integer call() {
    PipelineSettings settings = PipelineSettings.from(ConfigLoader.load(conf, overrides));
    EventDefinition event = settings.events().get(0);
    // Years of ordinary traffic before the event: the first prior year's first week, after the longest stay.
    int firstYear = event.priorYears().stream().mapToInt(Integer::intValue).min()
        .orElse(event.eventDate().getYear());
    java.time.LocalDate firstDay = java.time.LocalDate.of(firstYear - 1, 10, 15);
    long began = System.nanoTime();
    List<EventDefinition> events = new ArrayList<>();
    List<Row> weekly = new ArrayList<>();
    Map<String, Long> truth = new HashMap<>();
    SplittableRandom sizes = new SplittableRandom(seed);
    for (int i = 0; i < scenarios; i++) {
      String origin = String.format("S%04d", i);
      double shock = minShock + (maxShock - minShock) * sizes.nextDouble();
      Scenario s = Scenario.generate(seed + i, shock, volume, firstDay, event.eventDate(), event.windowLastDay(),
          event.destinations());
      for (Scenario.Week w : s.weeks()) {
        weekly.add(RowFactory.create(w.destination(), origin, Date.valueOf(w.weekStart()), w.entries(), w.exits()));
      }
      s.truth().forEach((destination, present) -> truth.put(origin + "/" + destination, present));
      truth.put(origin + "/" + ExodusEstimator.ALL, s.truth().values().stream().mapToLong(Long::longValue).sum());
      events.add(new EventDefinition(origin, origin, event.eventDate(), event.windowEnd(), event.baselineWeeks(),
          event.destinations(), event.baselineMethod(), event.priorYears(), event.harmonics()));
    }
    System.out.printf("coverage: %d scenarios generated in %.1f s (shock %.2f to %.2f times the usual, %d weekly rows)%n",
        scenarios, (System.nanoTime() - began) / 1e9, minShock, maxShock, weekly.size());
    SparkSession spark = SparkSessions.create("borderflow-coverage", settings);
    try {
      StructType schema = new StructType()
          .add("reporting_country", DataTypes.StringType).add("citizenship", DataTypes.StringType)
          .add("week_start", DataTypes.DateType).add("entries", DataTypes.LongType).add("exits", DataTypes.LongType);
      Dataset<Row> table = spark.createDataFrame(weekly, schema);
      List<Row> rows = ExodusEstimator.sensitivity(table, events, settings.intervalCoverage())
          .select(col("event_id"), col("destination"), col("baseline_method"), col("method"), col("excess_net"),
              col("excess_net_low"), col("excess_net_high"))
          .collectAsList();
      Map<String, Tally> tallies = new TreeMap<>();
      for (Row r : rows) {
        if (r.isNullAt(4)) {
          continue;
        }
        String destination = r.getString(1);
        long actual = truth.get(r.getString(0) + "/" + destination);
        String kind = destination.equals(ExodusEstimator.ALL) ? "ALL"
            : r.getString(3).equals(ExodusEstimator.IMPUTED) ? "imputed exits" : "observed";
        List<String> groups = destination.equals(ExodusEstimator.ALL) ? List.of(kind)
            : List.of(kind, "per destination " + destination);
        for (String group : groups) {
          tallies.computeIfAbsent(r.getString(2) + " | " + group, k -> new Tally())
              .add(r.getDouble(4), r.isNullAt(5) ? null : r.getDouble(5), r.isNullAt(6) ? null : r.getDouble(6),
                  actual);
        }
      }
      System.out.printf("%n%-58s %6s %12s %12s %8s %9s %12s%n", "baseline | destinations", "rows", "truth (mean)",
          "excess-truth", "bias", "coverage", "width (mean)");
      tallies.forEach((k, t) -> System.out.printf("%-58s %6d %12.0f %12.0f %7.2f%% %8.1f%% %12.0f%n", k, t.n,
          t.truth / t.n, t.error / t.n, t.truth == 0 ? Double.NaN : 100 * t.error / t.truth,
          100.0 * t.covered / Math.max(1, t.withInterval), t.width / Math.max(1, t.withInterval)));
      System.out.printf("%nbias = sum(excess_net - truth) / sum(truth); coverage = share of %.0f%% intervals holding "
          + "the truth; %.1f s in all%n", 100 * settings.intervalCoverage(), (System.nanoTime() - began) / 1e9);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Running sums of one group of estimates. */
  private static final class Tally {
    int n;
    int withInterval;
    int covered;
    double truth;
    double error;
    double width;

    void add(double estimate, Double low, Double high, long actual) {
      n++;
      truth += actual;
      error += estimate - actual;
      if (low != null && high != null) {
        withInterval++;
        width += high - low;
        covered += low <= actual && actual <= high ? 1 : 0;
      }
    }
  }
}
