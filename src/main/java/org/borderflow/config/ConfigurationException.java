package org.borderflow.config;

/** A configuration value or argument that cannot be used; the jobs map it to exit status 2. */
public class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }
}
