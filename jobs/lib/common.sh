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

# Class data sharing: the JVM maps the classes an earlier run loaded (most of them Spark's) from one archive instead
# of finding, reading and verifying them in the jars again: on the sample, 4 to 5 s less per run (README, "Running
# it"). The archive belongs to one build: the first run after the jar was built writes it as it exits (about 170 MB,
# some seconds more), later runs read it. BORDERFLOW_CDS=off runs without it.
BORDERFLOW_CDS_ARCHIVE="$BORDERFLOW_HOME/target/borderflow-classes.jsa"
# A run that never started Spark (--help, --dry-run) loads too few classes to be worth an archive: it is not kept,
# and the next run writes one.
BORDERFLOW_CDS_MIN_BYTES=$((100 * 1024 * 1024))

# Whether the class archive was written for the current jar and classpath.
borderflow_cds_fresh() {
  [[ "$BORDERFLOW_CDS_ARCHIVE" -nt "$BORDERFLOW_JAR" && "$BORDERFLOW_CDS_ARCHIVE" -nt "$BORDERFLOW_CLASSPATH_FILE" ]]
}

# Writes the class archive now if it is missing or stale, with a pipeline run on sample-data into a temporary
# folder: for measurements, in which no measured run should pay for writing it.
borderflow_cds_prepare() {
  borderflow_build_if_needed
  if [[ "${BORDERFLOW_CDS:-on}" == off ]] || borderflow_cds_fresh; then
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  echo "borderflow: writing the class archive (once per build) with a pipeline run on sample-data ..." >&2
  if ! (borderflow_java org.borderflow.jobs.Borderflow pipeline --raw "$BORDERFLOW_HOME/sample-data" \
      --out "$tmp/out" --conf "$BORDERFLOW_HOME/conf/pipeline.conf" >"$tmp/run.log" 2>&1); then
    echo "borderflow: that run failed, so the runs that follow write the archive:" >&2
    tail -5 "$tmp/run.log" >&2
  fi
  rm -rf "$tmp"
}

# Runs a main class of the project on an embedded Spark with the full local classpath.
borderflow_java() {
  local main_class="$1"; shift
  borderflow_build_if_needed
  local cmd=(java $(borderflow_jvm_options) ${BORDERFLOW_JAVA_OPTS:-$BORDERFLOW_DEFAULT_JAVA_OPTS}
    -Dlog4j2.configurationFile="$BORDERFLOW_HOME/conf/log4j2.properties"
    -cp "$BORDERFLOW_JAR:$(cat "$BORDERFLOW_CLASSPATH_FILE")${BORDERFLOW_EXTRA_CLASSPATH:+:$BORDERFLOW_EXTRA_CLASSPATH}")
  if [[ "${BORDERFLOW_CDS:-on}" == off ]]; then
    exec "${cmd[@]}" "$main_class" "$@"
  fi
  if borderflow_cds_fresh; then
    exec "${cmd[@]}" -XX:SharedArchiveFile="$BORDERFLOW_CDS_ARCHIVE" "$main_class" "$@"
  fi
  # Written under a name of its own and moved into place, so that runs side by side never read a partial archive;
  # only a run that succeeded leaves one. The JVM's notes on classes it cannot archive are silenced.
  local partial="$BORDERFLOW_CDS_ARCHIVE.$$" rc=0
  "${cmd[@]}" -XX:ArchiveClassesAtExit="$partial" -Xlog:cds=off -Xlog:cds+dynamic=off "$main_class" "$@" || rc=$?
  if (( rc == 0 )) && [[ -f "$partial" ]] && (( $(stat -c %s "$partial") >= BORDERFLOW_CDS_MIN_BYTES )); then
    mv -f "$partial" "$BORDERFLOW_CDS_ARCHIVE"
  else
    rm -f "$partial"
  fi
  return "$rc"
}
