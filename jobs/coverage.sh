#!/usr/bin/env bash
# Tests the exodus estimates' bias and interval coverage on generated scenarios with known truth, in one embedded
# Spark session (README, "Are the intervals right?"). Same arguments, same figures.
#   ./jobs/coverage.sh [--scenarios N] [--seed S] [--min-shock X] [--max-shock X] [--volume C] [--conf FILE] [--set K=V]
#   ./jobs/coverage.sh --help
# Environment: BORDERFLOW_JAVA_OPTS (default -Xmx4g -XX:+UseParallelGC).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

borderflow_java org.borderflow.generate.bench.CoverageBenchmark "$@"
