package org.borderflow.publish;

/**
 * Fault injection for the crash tests: when the system property {@code borderflow.test.die-at} names a point,
 * the JVM halts there as a kill -9 would (no shutdown hooks, no finally blocks). Inert otherwise. Points:
 * {@code before-stage-<table>}, {@code after-stage-<table>}, {@code after-journal}, {@code after-table-<table>}
 * (during the publishing renames) and {@code before-manifest}.
 */
public final class PublishFaults {

  private PublishFaults() {}

  public static void maybeDie(String point) {
    if (point.equals(System.getProperty("borderflow.test.die-at"))) {
      Runtime.getRuntime().halt(137);
    }
  }
}
