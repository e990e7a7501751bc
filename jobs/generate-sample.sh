#!/usr/bin/env bash
# Rewrites the sample landing zone, building the jar first when the sources changed. Same code, same bytes.
#   ./jobs/generate-sample.sh          daily_counts/ and crossing_events/ under sample-data/
#   ./jobs/generate-sample.sh DIR      the same under DIR (other files in DIR are left alone)
# What the sample holds and how it is calibrated: sample-data/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

borderflow_java org.borderflow.sample.SampleDataGenerator "${1:-$BORDERFLOW_HOME/sample-data}"
