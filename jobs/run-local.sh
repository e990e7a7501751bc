#!/usr/bin/env bash
# Runs Borderflow on an embedded Spark (local[*]), building the jar first when the sources changed.
#   ./jobs/run-local.sh                      the whole pipeline on sample-data/ into output/, then the report
#                                            output/report/index.html (its path is printed)
#   ./jobs/run-local.sh pipeline --raw DIR --out DIR [--conf FILE] [--as-of YYYY-MM-DD] [--set KEY=VALUE]...
#   ./jobs/run-local.sh report --out DIR     the report of the tables published under DIR
# Environment: BORDERFLOW_JAVA_OPTS (default -Xmx4g -XX:+UseParallelGC) for the driver JVM;
# BORDERFLOW_EXTRA_CLASSPATH (jars joined by ':') for optional listeners such as OpenLineage's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if [[ $# -eq 0 ]]; then
  set -- pipeline --raw "$BORDERFLOW_HOME/sample-data" --out "$BORDERFLOW_HOME/output" \
    --conf "$BORDERFLOW_HOME/conf/pipeline.conf" --report
fi
export BORDERFLOW_GIT_COMMIT="${BORDERFLOW_GIT_COMMIT:-$(git -C "$BORDERFLOW_HOME" rev-parse --short HEAD 2>/dev/null || true)}"
borderflow_java org.borderflow.jobs.Borderflow "$@"
