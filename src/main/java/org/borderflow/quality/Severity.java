package org.borderflow.quality;

import java.util.Locale;
import org.borderflow.config.ConfigurationException;

/** How much a finding matters, in increasing order; {@code --fail-on} compares against it. */
public enum Severity {
  INFO, WARNING, ERROR;

  /** The value written to {@code quality_checks.severity}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String key, String value) {
    for (Severity s : values()) {
      if (s.label().equals(value)) {
        return s;
      }
    }
    throw new ConfigurationException(key + ": expected info, warning or error, got '" + value + "'");
  }
}
