#!/usr/bin/env bash
# Runs the job jar on a real Spark standalone cluster started on this machine and checks that it publishes the same
# tables as a local run. No Spark installation is needed: the cluster runs from the project's own Maven dependencies.
#   ./jobs/cluster-smoke.sh
# What it does, all on 127.0.0.1 and under target/cluster-smoke/ (kept afterwards for inspection):
#   1. builds the thin jar and the test classes; lays out a Spark home whose jars/ holds Spark's jars (the pom's
#      provided scope: Spark, Hadoop client, Parquet; not the libraries the job jar bundles);
#   2. starts a master and two workers (1 core, 1g each), each its own JVM, and waits until both have registered;
#   3. submits target/borderflow.jar through spark-submit's entry point (org.apache.spark.deploy.SparkSubmit, client
#      mode) with --master spark://127.0.0.1:PORT: the pipeline on sample-data/, conf/pipeline.conf, as of 2022-11-30;
#   4. checks the run used the cluster (manifest master, an executor on each worker), then stops the cluster;
#   5. runs the same pipeline locally (jobs/run-local.sh) and compares every published table row by row, regardless
#      of order, with DuckDB (org.borderflow.publish.PublishedTablesDiff).
# The cluster is stopped by the process ids this script started, also on failure or Ctrl-C; on failure the tails of
# the master, worker and executor logs are printed. Exit status 0 when every table matches, non-zero otherwise.
# Environment: BORDERFLOW_SMOKE_START_TIMEOUT (seconds for the master and workers to come up, default 120),
# BORDERFLOW_SMOKE_RUN_TIMEOUT (seconds for the cluster run, default 1200).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

SMOKE="$BORDERFLOW_HOME/target/cluster-smoke"
START_TIMEOUT="${BORDERFLOW_SMOKE_START_TIMEOUT:-120}"
RUN_TIMEOUT="${BORDERFLOW_SMOKE_RUN_TIMEOUT:-1200}"
AS_OF=2022-11-30
WORKERS=(1 2)
DAEMON_PIDS=()
SECONDS=0
PHASE_START=0

say() { echo "cluster-smoke: $*" >&2; }

# Ends a phase: prints how long it took.
phase_done() {
  say "$1 ($((SECONDS - PHASE_START)) s)"
  PHASE_START=$SECONDS
}

print_log_tails() {
  local log
  for log in "$SMOKE"/logs/*.log "$SMOKE"/work/worker-*/app-*/*/stderr; do
    [[ -f "$log" ]] || continue
    echo "----- last 40 lines of ${log#"$BORDERFLOW_HOME"/} -----" >&2
    tail -n 40 "$log" >&2
  done
}

fail() {
  say "FAILED: $*"
  print_log_tails
  exit 1
}

# Stops the JVMs this script started, workers first, and any executor a worker left behind, each by its id.
stop_cluster() {
  local pid children=() i
  for (( i = ${#DAEMON_PIDS[@]} - 1; i >= 0; i-- )); do
    pid="${DAEMON_PIDS[i]}"
    kill -0 "$pid" 2>/dev/null || continue
    mapfile -t children < <(pgrep -P "$pid" || true)
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    for child in "${children[@]}"; do
      kill -9 "$child" 2>/dev/null || true
    done
  done
  DAEMON_PIDS=()
}

on_exit() {
  local status=$?
  if (( ${#DAEMON_PIDS[@]} > 0 )); then
    say "stopping the cluster (pids ${DAEMON_PIDS[*]})"
    stop_cluster
  fi
  if (( status != 0 )); then
    say "exit status $status after $SECONDS s"
  fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# Starts one Spark daemon (Master or Worker) in its own JVM, logging to logs/NAME.log.
start_daemon() {
  local name="$1" class="$2"; shift 2
  # shellcheck disable=SC2046
  java $(borderflow_jvm_options) -Xmx256m -cp "$SPARK_HOME/jars/*" "$class" "$@" \
    >"$SMOKE/logs/$name.log" 2>&1 &
  DAEMON_PIDS+=("$!")
}

# Waits until PATTERN shows COUNT times in a log, failing on timeout or when the daemon behind PID has died.
wait_for_log() {
  local log="$1" pattern="$2" count="$3" pid="$4" what="$5"
  local deadline=$((SECONDS + START_TIMEOUT))
  local seen
  while seen="$(grep -c -- "$pattern" "$log" 2>/dev/null)"; (( ${seen:-0} < count )); do
    kill -0 "$pid" 2>/dev/null || fail "$what: the process $pid ended"
    (( SECONDS < deadline )) || fail "$what: not seen within $START_TIMEOUT s (BORDERFLOW_SMOKE_START_TIMEOUT)"
    sleep 1
  done
}

# 1. Build, and a Spark home made of the project's own Spark dependencies.
rm -rf "$SMOKE"
mkdir -p "$SMOKE/logs" "$SMOKE/local-dirs" "$SMOKE/spark-home/jars"
borderflow_build_if_needed
(cd "$BORDERFLOW_HOME" && mvn -B -q test-compile dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$SMOKE/test-classpath.txt" >&2)
(cd "$BORDERFLOW_HOME" && mvn -B -q dependency:build-classpath -DincludeScope=provided \
    -Dmdep.outputFile="$SMOKE/spark-jars.txt" >&2)
tr ':' '\n' <"$SMOKE/spark-jars.txt" | xargs ln -s -t "$SMOKE/spark-home/jars/"
export SPARK_HOME="$SMOKE/spark-home"
export SPARK_SCALA_VERSION=2.13           # a worker builds the executors' classpath from it
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS="$SMOKE/local-dirs"
phase_done "built; Spark home with $(find "$SPARK_HOME/jars" -name '*.jar' | wc -l) jars"

# 2. The cluster: a master on a free port, then two workers that register with it.
start_daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
MASTER_PID="${DAEMON_PIDS[0]}"
wait_for_log "$SMOKE/logs/master.log" "Starting Spark master at spark://" 1 "$MASTER_PID" "master start"
MASTER_URL="$(grep -o 'spark://127\.0\.0\.1:[0-9]*' "$SMOKE/logs/master.log" | head -n 1)"
[[ -n "$MASTER_URL" ]] || fail "master start: no spark://127.0.0.1:PORT address in its log"
for n in "${WORKERS[@]}"; do
  mkdir -p "$SMOKE/work/worker-$n"
  start_daemon "worker-$n" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
    --cores 1 --memory 1g --work-dir "$SMOKE/work/worker-$n" "$MASTER_URL"
done
wait_for_log "$SMOKE/logs/master.log" "Registering worker" "${#WORKERS[@]}" "$MASTER_PID" "workers registering"
phase_done "cluster up: master $MASTER_URL (pid $MASTER_PID), ${#WORKERS[@]} workers (pids ${DAEMON_PIDS[*]:1})"

# 3. The job jar on the cluster, through spark-submit's entry point.
PIPELINE_ARGS=(pipeline --raw "$BORDERFLOW_HOME/sample-data" --conf "$BORDERFLOW_HOME/conf/pipeline.conf"
  --as-of "$AS_OF")
# shellcheck disable=SC2046
if ! timeout "$RUN_TIMEOUT" java $(borderflow_jvm_options) -Xmx1g \
    -Dlog4j2.configurationFile="$BORDERFLOW_HOME/conf/log4j2.properties" \
    -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER_URL" --deploy-mode client --name borderflow-cluster-smoke \
    --class org.borderflow.jobs.Borderflow \
    --total-executor-cores 2 --executor-cores 1 --executor-memory 1g \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
    "$BORDERFLOW_JAR" "${PIPELINE_ARGS[@]}" --out "$SMOKE/out-cluster" >"$SMOKE/logs/submit.log" 2>&1; then
  tail -n 40 "$SMOKE/logs/submit.log" >&2
  fail "the cluster run failed (log: ${SMOKE#"$BORDERFLOW_HOME"/}/logs/submit.log)"
fi
grep -q "\"spark_master\" *: *\"$MASTER_URL\"" "$SMOKE"/out-cluster/_runs/*.json \
  || fail "the cluster run's manifest does not name $MASTER_URL as its master"
for n in "${WORKERS[@]}"; do
  compgen -G "$SMOKE/work/worker-$n/app-*/*/stderr" >/dev/null \
    || fail "worker $n ran no executor for the application"
done
phase_done "cluster run SUCCEEDED on $MASTER_URL with an executor on each worker"
stop_cluster
phase_done "cluster stopped"

# 4. The same run on an embedded Spark, and the comparison.
BORDERFLOW_JAVA_OPTS="-Xmx2g" "$BORDERFLOW_HOME/jobs/run-local.sh" "${PIPELINE_ARGS[@]}" \
  --out "$SMOKE/out-local" >"$SMOKE/logs/local.log" 2>&1 \
  || { tail -n 40 "$SMOKE/logs/local.log" >&2; fail "the local run failed"; }
phase_done "local run SUCCEEDED"
say "comparing every published table, local (expected) against cluster:"
java -cp "$BORDERFLOW_HOME/target/test-classes:$(cat "$SMOKE/test-classpath.txt")" \
    org.borderflow.publish.PublishedTablesDiff "$SMOKE/out-local" "$SMOKE/out-cluster" >&2 \
  || fail "the cluster run's tables differ from the local run's"
phase_done "compared"
say "OK: the cluster run published the same tables as the local run; smoke run took $SECONDS s"
