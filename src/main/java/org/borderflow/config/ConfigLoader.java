package org.borderflow.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Layers the bundled defaults, an optional job file and command-line overrides, in that order. */
public final class ConfigLoader {

  static final String DEFAULTS_RESOURCE = "borderflow/defaults.conf";
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(secret|password|token|credential|access\\.key|secret\\.key).*");

  private ConfigLoader() {}

  public static Config load(Path jobFile, List<String> overrides) {
    Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
        ConfigParseOptions.defaults().setAllowMissing(false));
    Config merged = defaults;
    if (jobFile != null) {
      if (!Files.isRegularFile(jobFile)) {
        throw new ConfigurationException("configuration file " + jobFile + " does not exist");
      }
      merged = ConfigFactory.parseFile(jobFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .withFallback(merged);
    }
    for (String override : overrides) {
      if (!override.contains("=")) {
        throw new ConfigurationException("override '" + override + "' is not of the form key=value");
      }
      try {
        merged = ConfigFactory.parseString(override).withFallback(merged);
      } catch (ConfigException e) {
        throw new ConfigurationException("override '" + override + "' is not valid HOCON: " + e.getMessage());
      }
    }
    try {
      return merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The borderflow block as JSON for the log and the manifest, with anything that looks like a secret redacted. */
  public static String effectiveJson(Config config) {
    Config view = config.getConfig("borderflow");
    for (var entry : view.entrySet()) {
      if (SECRET_KEY.matcher(entry.getKey()).matches()) {
        view = view.withValue(entry.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef("***"));
      }
    }
    return view.root().render(ConfigRenderOptions.concise().setFormatted(true));
  }
}
