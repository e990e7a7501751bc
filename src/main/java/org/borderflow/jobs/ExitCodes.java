package org.borderflow.jobs;

import org.borderflow.config.ConfigurationException;
import org.borderflow.ingest.InputContractException;
import org.borderflow.quality.QualityGateException;

/** The exit statuses schedulers can act on; documented in the README. */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_ARGUMENTS = 2;
  public static final int BAD_INPUT = 3;
  /** A data-quality finding at or above --fail-on; nothing was published. */
  public static final int QUALITY_GATE = 4;

  private ExitCodes() {}

  public static int of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationException) {
        return BAD_ARGUMENTS;
      }
      if (t instanceof InputContractException) {
        return BAD_INPUT;
      }
      if (t instanceof QualityGateException) {
        return QUALITY_GATE;
      }
    }
    return FAILURE;
  }
}
