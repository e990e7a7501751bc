package org.borderflow.quality;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.borderflow.config.ConfigurationException;

/**
 * The {@code borderflow.quality} block: thresholds of the checks, the severity of each, and the severity from which
 * a run fails ({@code fail-on}, empty when findings never fail a run).
 */
public record QualitySettings(Map<String, Severity> severities, JumpRule jump, double reconciliationTolerance,
                              int maxGapDays, Optional<Severity> failOn) {

  /** Every check, in the order they run. */
  public static final List<String> CHECKS = List.of(QualityChecks.INCOMPLETE_WEEK_AT_EDGE, QualityChecks.MISSING_DAYS,
      QualityChecks.ENTRIES_JUMP, QualityChecks.NET_JUMP, QualityChecks.SOURCE_DISAGREEMENT,
      QualityChecks.NEGATIVE_CUMULATIVE_STOCK);
  public static final String NONE = "none";

  /** From the {@code borderflow} block (the job's configuration, or the effective one a manifest records). */
  public static QualitySettings from(Config borderflow) {
    try {
      Config q = borderflow.getConfig("quality");
      Map<String, Severity> severities = new LinkedHashMap<>();
      for (String check : CHECKS) {
        severities.put(check, Severity.parse("borderflow.quality.severity." + check,
            q.getString("severity." + check)));
      }
      int history = q.getInt("jump.history-weeks");
      int minHistory = q.getInt("jump.min-history-weeks");
      if (minHistory < 2 || minHistory > history) {
        throw new ConfigurationException("borderflow.quality.jump.min-history-weeks must be between 2 and "
            + "jump.history-weeks (" + history + "), got " + minHistory);
      }
      JumpRule jump = new JumpRule(history, minHistory, positive(q, "jump.mad-threshold"),
          positive(q, "jump.min-mad"), positive(q, "jump.min-change"));
      double tolerance = positive(q, "reconciliation-tolerance");
      int maxGapDays = (int) positive(q, "missing-days.max-gap-days");
      String failOn = q.getString("fail-on");
      return new QualitySettings(severities, jump, tolerance, maxGapDays,
          failOn.equals(NONE) ? Optional.empty() : Optional.of(Severity.parse("borderflow.quality.fail-on", failOn)));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** From the effective configuration as JSON (the {@code borderflow} block), as a run logs and records it. */
  public static QualitySettings fromEffectiveJson(String json) {
    return from(ConfigFactory.parseString(json));
  }

  public String severity(String check) {
    return severities.get(check).label();
  }

  private static double positive(Config q, String key) {
    double value = q.getDouble(key);
    if (!(value > 0)) {
      throw new ConfigurationException("borderflow.quality." + key + " must be positive, got " + value);
    }
    return value;
  }
}
