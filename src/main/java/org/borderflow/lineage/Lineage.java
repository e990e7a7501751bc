package org.borderflow.lineage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.borderflow.config.ConfigurationException;

/**
 * Turns the {@code borderflow.lineage} block into the Spark settings of the OpenLineage listener, so that lineage
 * is one switch in a job file. The listener is not a dependency of the job jar: when lineage is off, nothing of it
 * is loaded or needed.
 */
public final class Lineage {

  public static final String LISTENER = "io.openlineage.spark.agent.OpenLineageSparkListener";
  /**
   * Tables are written under {@code <out>/_staging/<run_id>/<table>} and then renamed into place: without this the
   * events would name each run's staging folder instead of the published table. OpenLineage drops the regex group
   * named {@code remove} from every dataset path.
   */
  public static final String STAGING_PATTERN = "(?<remove>/_staging/[^/]+)(?=/)";

  private Lineage() {}

  /** The Spark settings lineage adds; empty when it is off. {@code borderflow} is the configuration block. */
  public static Map<String, String> sparkSettings(Config borderflow) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      Config l = borderflow.getConfig("lineage");
      if (!l.getBoolean("enabled")) {
        return out;
      }
      String transport = l.getString("transport");
      out.put("spark.openlineage.transport.type", transport);
      switch (transport) {
        case "file" -> out.put("spark.openlineage.transport.location",
            Path.of(l.getString("file-location")).toAbsolutePath().toString());
        case "console" -> { }
        default -> throw new ConfigurationException("borderflow.lineage.transport: expected file or console, got '"
            + transport + "'");
      }
      out.put("spark.openlineage.namespace", l.getString("namespace"));
      out.put("spark.openlineage.dataset.removePath.pattern", STAGING_PATTERN);
      return out;
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /**
   * The configuration with lineage's Spark settings added to {@code borderflow.spark.extra} (the listener appended
   * to any {@code spark.extraListeners} already there), so the session gets them and the manifest records them.
   */
  public static Config configure(Config root) {
    Map<String, String> settings = sparkSettings(root.getConfig("borderflow"));
    if (settings.isEmpty()) {
      return root;
    }
    Config extra = root.getConfig("borderflow.spark.extra");
    String listenersKey = "\"spark.extraListeners\"";
    String listeners = extra.hasPath(listenersKey) ? extra.getString(listenersKey) + "," + LISTENER : LISTENER;
    settings.put("spark.extraListeners", listeners);
    Config out = root;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      out = out.withValue("borderflow.spark.extra.\"" + e.getKey() + "\"", ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    return out;
  }
}
