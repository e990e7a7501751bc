package org.borderflow.quality;

/**
 * A finding at or above {@code borderflow.quality.fail-on}: thrown before the publish swap, so the run publishes
 * nothing new and exits with its own status (see {@code ExitCodes.QUALITY_GATE}).
 */
public final class QualityGateException extends RuntimeException {

  public QualityGateException(String message) {
    super(message);
  }
}
