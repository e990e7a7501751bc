package org.borderflow.ingest;

/** Input that breaks the data contract at file level: the run stops before anything is published (exit 3). */
public class InputContractException extends RuntimeException {
  public InputContractException(String message) {
    super(message);
  }

  public InputContractException(String message, Throwable cause) {
    super(message, cause);
  }
}
