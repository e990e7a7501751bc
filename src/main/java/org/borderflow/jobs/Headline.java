package org.borderflow.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.estimate.ExodusEstimator;

/** The figure a person runs the pipeline for: each event's all-destination estimate with its interval. */
final class Headline {

  private static final Logger LOG = LogManager.getLogger(Headline.class);

  private Headline() {}

  static List<Map<String, Object>> of(Dataset<Row> estimates) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : estimates.where(col("destination").equalTo(ExodusEstimator.ALL)).orderBy("event_id")
        .select("event_id", "origin", "window_start", "window_end", "excess_net", "excess_net_low",
            "excess_net_high", "method").collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event_id", r.getString(0));
      m.put("origin", r.getString(1));
      m.put("window_start", String.valueOf(r.get(2)));
      m.put("window_end", String.valueOf(r.get(3)));
      m.put("excess_net", r.get(4));
      m.put("excess_net_low", r.get(5));
      m.put("excess_net_high", r.get(6));
      m.put("method", r.getString(7));
      out.add(m);
    }
    return out;
  }

  static void log(List<Map<String, Object>> headline, Path out, Path manifest) {
    StringBuilder text = new StringBuilder("\n");
    for (Map<String, Object> m : headline) {
      text.append(String.format("  %s (%s, %s to %s): %s left and stayed, interval %s to %s [%s, all destinations]%n",
          m.get("event_id"), m.get("origin"), m.get("window_start"), m.get("window_end"),
          number(m.get("excess_net")), number(m.get("excess_net_low")), number(m.get("excess_net_high")),
          m.get("method")));
    }
    // From the list of published tables, so a table added to the run is never missing here.
    text.append("  tables: ").append(out).append("/{").append(String.join(",", PipelineRun.TABLES))
        .append("}\n  manifest: ").append(manifest);
    LOG.info("exodus estimates:{}", text);
  }

  private static String number(Object value) {
    return value == null ? "n/a" : String.format("%,.0f", ((Number) value).doubleValue());
  }
}
