#!/usr/bin/env bash
# Submits Borderflow to a cluster with spark-submit (from $SPARK_HOME/bin or PATH) and the job jar.
#   ./jobs/submit.sh pipeline --raw hdfs:///landing --out hdfs:///borderflow [--conf FILE] [--as-of YYYY-MM-DD]
#   ./jobs/submit.sh report --out hdfs:///borderflow    writes hdfs:///borderflow/report/index.html
# Master, deploy mode and resources come from your own spark-submit settings: put them in SPARK_SUBMIT_OPTS_EXTRA,
# e.g. SPARK_SUBMIT_OPTS_EXTRA="--master yarn --deploy-mode cluster --num-executors 4", or in spark-defaults.conf.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  SPARK_SUBMIT="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  SPARK_SUBMIT="$(command -v spark-submit)"
else
  echo "submit.sh: spark-submit not found: set SPARK_HOME or put spark-submit on PATH" >&2
  exit 2
fi
borderflow_build_if_needed
# shellcheck disable=SC2086
exec "$SPARK_SUBMIT" --class org.borderflow.jobs.Borderflow \
  --driver-java-options "-Dlog4j2.configurationFile=file:$BORDERFLOW_HOME/conf/log4j2.properties" \
  ${SPARK_SUBMIT_OPTS_EXTRA:-} "$BORDERFLOW_JAR" "$@"
