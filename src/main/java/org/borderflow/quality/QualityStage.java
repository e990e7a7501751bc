package org.borderflow.quality;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.publish.TablePublisher;

/**
 * The pipeline's quality stage: runs every check on the series about to be published, stages
 * {@code quality_checks} beside them, summarises the findings for the manifest and, when a finding reaches
 * {@code fail-on}, stops the run before the publish swap.
 */
public final class QualityStage {

  public static final String TABLE = "quality_checks";
  /** Messages of failing findings kept in the manifest and the error: enough to act on, not the whole table. */
  private static final int FAILING_SHOWN = 10;

  private QualityStage() {}

  /** What the stage found: the manifest's summary, the log line, and the findings that fail the run, if any. */
  public record Outcome(Map<String, Object> summary, String line, List<String> failing, Optional<Severity> failOn) {

    /** Throws when a finding reached {@code fail-on}: the caller has staged, not published. */
    public void enforce() {
      if (!failing.isEmpty()) {
        throw new QualityGateException(summary.get("failing") + " data-quality finding(s) at or above "
            + failOn.orElseThrow().label() + " (borderflow.quality.fail-on), nothing published: "
            + String.join("; ", failing));
      }
    }
  }

  /** Every check over the weekly series, the daily rows and the reconciliation, in reading order. */
  public static Dataset<Row> findings(QualitySettings s, Dataset<Row> weekly, Dataset<Row> daily,
                                      Dataset<Row> reconciliation) {
    String edge = s.severity(QualityChecks.INCOMPLETE_WEEK_AT_EDGE);
    String negative = s.severity(QualityChecks.NEGATIVE_CUMULATIVE_STOCK);
    return QualityChecks.ordered(QualityChecks.incompleteWeeksAtEdge(weekly, edge)
        .unionByName(QualityChecks.missingDays(daily, s.severity(QualityChecks.MISSING_DAYS),
            s.maxGapDays()))
        .unionByName(QualityChecks.jumps(weekly, "entries", QualityChecks.ENTRIES_JUMP, s.jump(),
            s.severity(QualityChecks.ENTRIES_JUMP)))
        .unionByName(QualityChecks.jumps(weekly, "net", QualityChecks.NET_JUMP, s.jump(),
            s.severity(QualityChecks.NET_JUMP)))
        .unionByName(QualityChecks.sourceDisagreement(reconciliation, s.reconciliationTolerance(),
            s.severity(QualityChecks.SOURCE_DISAGREEMENT)))
        .unionByName(QualityChecks.negativeCumulativeStock(weekly, negative)));
  }

  /**
   * Stages the findings over {@code weekly}, {@code daily} and the staged {@code source_reconciliation}, and reads
   * them back (a few hundred rows at most) for the summary.
   */
  public static Outcome run(String effectiveConfig, TablePublisher publisher, Dataset<Row> weekly,
                            Dataset<Row> daily, String reconciliationTable) throws IOException {
    QualitySettings settings = QualitySettings.fromEffectiveJson(effectiveConfig);
    Dataset<Row> reconciliation = weekly.sparkSession().read()
        .parquet(publisher.stagedPath(reconciliationTable).toString());
    long rows = publisher.stage(TABLE, findings(settings, weekly, daily, reconciliation));
    List<Row> staged = QualityChecks.ordered(weekly.sparkSession().read().schema(QualityChecks.SCHEMA)
        .parquet(publisher.stagedPath(TABLE).toString())).select("check", "severity", "message").collectAsList();
    return summarise(staged, rows, settings.failOn());
  }

  /** Counts per severity and per check, and the findings at or above {@code failOn}. */
  static Outcome summarise(List<Row> findings, long rows, Optional<Severity> failOn) {
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      bySeverity.put(s.label(), 0L);
    }
    Map<String, Map<String, Long>> byCheck = new LinkedHashMap<>();
    List<String> failing = new ArrayList<>();
    long failingCount = 0;
    for (Row f : findings) {
      String check = f.getString(0);
      String severity = f.getString(1);
      bySeverity.merge(severity, 1L, Long::sum);
      byCheck.computeIfAbsent(check, c -> new LinkedHashMap<>()).merge(severity, 1L, Long::sum);
      if (failOn.isPresent() && Severity.parse("severity", severity).compareTo(failOn.get()) >= 0) {
        failingCount++;
        if (failing.size() < FAILING_SHOWN) {
          failing.add(check + ": " + f.getString(2));
        }
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("findings", rows);
    summary.put("by_severity", bySeverity);
    summary.put("by_check", byCheck);
    summary.put("fail_on", failOn.map(Severity::label).orElse(QualitySettings.NONE));
    summary.put("failing", failingCount);
    if (!failing.isEmpty()) {
      summary.put("failing_examples", failing);
    }
    String line = rows + " quality_checks rows (" + bySeverity.get("error") + " error, " + bySeverity.get("warning")
        + " warning, " + bySeverity.get("info") + " info)";
    return new Outcome(summary, line, failing, failOn);
  }
}
