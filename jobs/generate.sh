#!/usr/bin/env bash
# Writes a synthetic landing zone of any size for scale tests and benchmarks, building the jar first when the
# sources changed. Same arguments, same files.
#   ./jobs/generate.sh --events N --out DIR [--days D] [--seed S] [--start YYYY-MM-DD] [--rows-per-file R] [--threads T]
#   ./jobs/generate.sh --help
# What it writes: README.md, "Benchmark and scale data".
# Environment: BORDERFLOW_JAVA_OPTS (default -Xmx4g -XX:+UseParallelGC).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

borderflow_java org.borderflow.generate.LandingZoneGenerator "$@"
