#!/usr/bin/env bash
# Runs Borderflow on an embedded Spark (local[*]), building the jar first when the sources changed.
#   ./jobs/run-local.sh                      the whole pipeline on sample-data/ into output/
#   ./jobs/run-local.sh pipeline --raw DIR --out DIR [--conf FILE] [--as-of YYYY-MM-DD] [--set KEY=VALUE]...
# Environment: BORDERFLOW_JAVA_OPTS (default -Xmx4g -XX:+UseParallelGC) for the driver JVM.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if [[ $# -eq 0 ]]; then
  set -- pipeline --raw "$BORDERFLOW_HOME/sample-data" --out "$BORDERFLOW_HOME/output" \
    --conf "$BORDERFLOW_HOME/conf/pipeline.conf"
fi
export BORDERFLOW_GIT_COMMIT="${BORDERFLOW_GIT_COMMIT:-$(git -C "$BORDERFLOW_HOME" rev-parse --short HEAD 2>/dev/null || true)}"
borderflow_java org.borderflow.jobs.Borderflow "$@"
