# Shared by the launch scripts: project paths, the job jar, the local classpath and Spark's JVM options.
# Sourced, not run.

BORDERFLOW_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BORDERFLOW_JAR="$BORDERFLOW_HOME/target/borderflow.jar"
BORDERFLOW_CLASSPATH_FILE="$BORDERFLOW_HOME/target/classpath.txt"

# Builds the job jar and the local classpath file when a source, resource or the pom is newer than the jar.
borderflow_build_if_needed() {
  local stale=0
  if [[ ! -f "$BORDERFLOW_JAR" || ! -f "$BORDERFLOW_CLASSPATH_FILE" ]]; then
    stale=1
  elif [[ -n "$(find "$BORDERFLOW_HOME/pom.xml" "$BORDERFLOW_HOME/src/main" "$BORDERFLOW_HOME/conf" \
                 -newer "$BORDERFLOW_JAR" -print -quit 2>/dev/null)" ]]; then
    stale=1
  fi
  if (( stale )); then
    echo "borderflow: building the job jar (mvn -q -DskipTests package) ..." >&2
    (cd "$BORDERFLOW_HOME" && mvn -B -q -DskipTests package dependency:build-classpath \
        -Dmdep.outputFile="$BORDERFLOW_CLASSPATH_FILE" -DincludeScope=compile) >&2
  fi
}

# The JVM options spark-submit adds on Java 17, read from the one place they are kept (pom.xml).
borderflow_jvm_options() {
  sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$BORDERFLOW_HOME/pom.xml"
}

# The driver JVM's options unless BORDERFLOW_JAVA_OPTS is set. The parallel collector, not G1: a batch job on two
# cores gains from a collector that does not run beside it (10M events: 203.6 s with G1, 182.9 s with it).
BORDERFLOW_DEFAULT_JAVA_OPTS="-Xmx4g -XX:+UseParallelGC"

# Runs a main class of the project on an embedded Spark with the full local classpath.
borderflow_java() {
  local main_class="$1"; shift
  borderflow_build_if_needed
  # shellcheck disable=SC2046
  exec java $(borderflow_jvm_options) ${BORDERFLOW_JAVA_OPTS:-$BORDERFLOW_DEFAULT_JAVA_OPTS} \
    -Dlog4j2.configurationFile="$BORDERFLOW_HOME/conf/log4j2.properties" \
    -cp "$BORDERFLOW_JAR:$(cat "$BORDERFLOW_CLASSPATH_FILE")${BORDERFLOW_EXTRA_CLASSPATH:+:$BORDERFLOW_EXTRA_CLASSPATH}" \
    "$main_class" "$@"
}
