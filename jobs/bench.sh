#!/usr/bin/env bash
# Benchmark: the Borderflow pipeline (a) against the floor for its engine (b: a plain Spark job that computes only
# the weekly entries and exits), against DuckDB computing that aggregate (c) and against DuckDB doing the pipeline's
# person-level work (d), on the same generated landing zone.
#   ./jobs/bench.sh [--events 10000000,50000000] [--runs 3] [--days 91] [--seed 1] [--duckdb-memory 4GB]
#   ./jobs/bench.sh --quick          1,000,000 events, 1 run: checks that everything works
#   ./jobs/bench.sh --incremental [--events N] [--runs R]   the daily increment instead (README, "Incremental runs"):
#     a landing zone of D+1 days in daily files, its last delivery folder held back; per run, interleaved: (e0) a full run with
#     --incremental on D days, writing the state (not compared), (e) the increment adding the held-back folder,
#     (a) a plain full run over all D+1 days; then e/a, the state's bytes against the landing zone's, and a table by
#     table comparison of (e) with (a).
# Each size is generated once into target/bench/ (kept for the next call), then measured as whole processes,
# interleaved a, b, c, d, a, ...: median wall time, events per second, median CPU time and peak RSS
# (/usr/bin/time -v), then checks that (a), (b) and (c) agree on the weekly aggregate and (a) and (d) on the person
# figures. All JVMs get BORDERFLOW_JAVA_OPTS (default: jobs/lib/common.sh); DuckDB's memory_limit is --duckdb-memory
# (default 4GB, the Spark heap; (d) needs more at 50M events). Logs and results: target/bench/.
# What the numbers mean, and the machine they were taken on: BENCHMARKS.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

SIZES="10000000,50000000"
RUNS=3
DAYS=91
SEED=1
DUCKDB_MEMORY=4GB
INCREMENTAL=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --duckdb-memory) DUCKDB_MEMORY="$2"; shift 2 ;;
    --quick) SIZES=1000000; RUNS=1; shift ;;
    --incremental) INCREMENTAL=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$SIZES" =~ ^[0-9]+(,[0-9]+)*$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || {
  echo "bench.sh: --events takes numbers separated by commas, --runs a positive number" >&2; exit 2; }

export BORDERFLOW_JAVA_OPTS="${BORDERFLOW_JAVA_OPTS:-$BORDERFLOW_DEFAULT_JAVA_OPTS}"
if [[ -x /usr/bin/time ]]; then TIMER=(/usr/bin/time -v); else TIMER=(command time -v); fi
BENCH="$BORDERFLOW_HOME/target/bench"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOGS="$BENCH/logs/$STAMP"
RESULTS="$BENCH/results-$STAMP.md"
MEASUREMENTS="$LOGS/measurements.tsv"
mkdir -p "$LOGS"

# The job jar and, for DuckDB (a test dependency, kept out of the jar), the compiled tests and their classpath;
# the class archive of the jar (jobs/lib/common.sh) before the first measured run, so that none pays for writing it.
borderflow_build_if_needed
borderflow_cds_prepare
TEST_CLASSPATH_FILE="$BORDERFLOW_HOME/target/test-classpath.txt"
if [[ ! -f "$TEST_CLASSPATH_FILE" || -n "$(find "$BORDERFLOW_HOME/pom.xml" "$BORDERFLOW_HOME/src" \
      -newer "$TEST_CLASSPATH_FILE" -print -quit)" ]]; then
  echo "bench: compiling the tests and writing their classpath ..." >&2
  (cd "$BORDERFLOW_HOME" && mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$TEST_CLASSPATH_FILE") >&2
  touch "$TEST_CLASSPATH_FILE"
fi
TEST_CP="$BORDERFLOW_HOME/target/test-classes:$(cat "$TEST_CLASSPATH_FILE")"

# Runs one measured process after removing its output folder (none for the generator):
# "measure SIZE PROCESS RUN OUT COMMAND..." appends size, process, run, wall seconds, max RSS (KB) and CPU seconds
# (user + system: less disturbed than wall time when other work shares the cores).
measure() {
  local size="$1" engine="$2" run="$3" out="$4"; shift 4
  local log="$LOGS/$size-$engine-$run.log" timing="$LOGS/$size-$engine-$run.time" start end
  [[ -n "$out" ]] && rm -rf "$out"
  echo "bench: $engine, $size events, run $run ..." >&2
  start=$EPOCHREALTIME
  if ! "${TIMER[@]}" -o "$timing" "$@" >"$log" 2>&1; then
    echo "bench: $engine failed on $size events; see $log" >&2
    tail -5 "$log" >&2
    exit 1
  fi
  end=$EPOCHREALTIME
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$engine" "$run" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" \
    "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$timing")" \
    "$(awk -F': ' '/(User|System) time \(seconds\)/ { cpu += $2 } END { print cpu }' "$timing")" >>"$MEASUREMENTS"
}

# The four processes measured, each a whole JVM launched as users launch it.
PIPELINE=("$BORDERFLOW_HOME/jobs/run-local.sh" pipeline)
# shellcheck disable=SC2016
PLAIN_SPARK=(bash -c 'source "$0/jobs/lib/common.sh"; borderflow_java org.borderflow.generate.bench.PlainSparkWeekly "$@"'
  "$BORDERFLOW_HOME")
# shellcheck disable=SC2206
DUCKDB=(java $BORDERFLOW_JAVA_OPTS -cp "$TEST_CP" org.borderflow.bench.DuckDbWeekly)
# shellcheck disable=SC2206
DUCKDB_PERSONS=(java $BORDERFLOW_JAVA_OPTS -cp "$TEST_CP" org.borderflow.bench.DuckDbPersons)

grouped() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

machine() {
  echo "- nproc: $(nproc); memory: $(free -g | awk '/^Mem:/ {print $2}') GiB;" \
    "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "- Java: $(java -version 2>&1 | head -1); JVM options: $BORDERFLOW_JAVA_OPTS"
  echo "- load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

: >"$MEASUREMENTS"
{
  echo "# Borderflow benchmark $STAMP"
  echo
  echo "Command: \`./jobs/bench.sh --events $SIZES --runs $RUNS --days $DAYS --seed $SEED --duckdb-memory $DUCKDB_MEMORY\`"
  echo
  echo "At the start:"
  machine
} >"$RESULTS"

# The increment: generated with one day more, the newest ingest_date folder of each source held back (hard links,
# so the bytes are the generator's), then added back before the measured incremental run.
if ((INCREMENTAL)); then
  IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
  for size in "${SIZE_LIST[@]}"; do
    days=$((DAYS + 1))
    raw="$BENCH/events-$size-d$days-s$SEED-daily"
    if [[ ! -f "$raw/_generator.properties" ]]; then
      # One file per source and day (a file is closed at the end of the day that fills it), as daily deliveries.
      measure "$size" generator 1 "" "$BORDERFLOW_HOME/jobs/generate.sh" --events "$size" --days "$days" \
        --seed "$SEED" --out "$raw" --rows-per-file 1
    fi
    as_of="$(sed -n 's/^last_day=//p' "$raw/_generator.properties")"
    held="$BENCH/held-$size-d$days-s$SEED"
    rm -rf "$held" && mkdir -p "$held"
    out="$BENCH/out-inc-$size"
    for ((run = 1; run <= RUNS; run++)); do
      # Hold back the newest folder of every source: the day the increment brings.
      while read -r source; do
        # A source delivered once (the generator's count sources) keeps its folder: the increment has none of it.
        (($(find "$source" -mindepth 1 -maxdepth 1 -type d -name 'ingest_date=*' | wc -l) > 1)) || continue
        newest="$(find "$source" -mindepth 1 -maxdepth 1 -type d -name 'ingest_date=*' | sort | tail -1)"
        mkdir -p "$held/${source#"$raw/"}"
        mv "$newest" "$held/${source#"$raw/"}/"
      done < <(find "$raw" -mindepth 2 -maxdepth 2 -type d)
      measure "$size" state-base "$run" "$out/incremental" "${PIPELINE[@]}" --raw "$raw" --out "$out/incremental" \
        --as-of "$as_of" --incremental
      while read -r folder; do
        mv "$folder" "$raw/$(dirname "${folder#"$held/"}")/"
      done < <(find "$held" -mindepth 3 -maxdepth 3 -type d -name 'ingest_date=*')
      measure "$size" incremental "$run" "" "${PIPELINE[@]}" --raw "$raw" --out "$out/incremental" \
        --as-of "$as_of" --incremental
      measure "$size" pipeline "$run" "$out/full" "${PIPELINE[@]}" --raw "$raw" --out "$out/full" --as-of "$as_of"
    done
    raw_bytes="$(find "$raw" -name '*.parquet' -printf '%s\n' | awk '{ s += $1 } END { print s }')"
    state_bytes="$(find "$out/incremental/_state" -type f ! -name '.*' -printf '%s\n' | awk '{ s += $1 } END { print s }')"
    weeks="$(ls -t "$out/incremental/_runs/"*.json | head -1 | xargs python3 -c \
      'import json,sys; print(json.load(open(sys.argv[1]))["incremental"]["crossings_daily_weeks_rewritten"])')"
    if agree="$(java -cp "$TEST_CP" org.borderflow.publish.PublishedTablesDiff "$out/full" "$out/incremental" 2>&1)"; then
      agree="every table equal"
    else
      agree="TABLES DIFFER: $(grep DIFFERENT <<<"$agree" | head -3 | tr '\n' ' ')"
    fi
    {
      echo
      echo "## Increment: $(grouped "$size") events, $DAYS days plus one"
      echo
      awk -F'\t' -v size="$size" '
        function median(values, n,   i, j, t) {
          for (i = 2; i <= n; i++) for (j = i; j > 1 && values[j - 1] > values[j]; j--) {
            t = values[j]; values[j] = values[j - 1]; values[j - 1] = t }
          return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
        }
        $1 == size && $2 == "incremental" { e[++ne] = $4; ec[ne] = $6 }
        $1 == size && $2 == "pipeline" { a[++na] = $4; ac[na] = $6 }
        $1 == size && $2 == "state-base" { b[++nb] = $4 }
        END {
          me = median(e, ne); ma = median(a, na)
          printf "- median wall: (e) increment %.1f s, (a) full run %.1f s, e/a = %.3f (%d runs; CPU %.1f s against %.1f s)\n",
            me, ma, me / ma, ne, median(ec, ne), median(ac, na)
          printf "- (e0) full run writing the state, on %s days: median %.1f s\n", "D", median(b, nb)
        }' "$MEASUREMENTS"
      echo "- state: $(grouped "$state_bytes") bytes; landing zone: $(grouped "$raw_bytes") bytes;" \
        "state/raw = $(awk -v s="$state_bytes" -v r="$raw_bytes" 'BEGIN { printf "%.3f", s / r }');" \
        "$(awk -v s="$state_bytes" -v n="$size" 'BEGIN { printf "%.1f", s / (n / 1e6) / 1048576 }') MiB per million events"
      echo "- crossings_daily weeks rewritten by the increment: $weeks"
      # Where an increment's time goes, from its log: the stage summary lines of each measured run.
      for ((run = 1; run <= RUNS; run++)); do
        echo "- increment run $run, seconds per stage: $(sed -n 's/.*stage \([a-z]*\) .*| \([0-9.]*\) s$/\1 \2/p' \
          "$LOGS/$size-incremental-$run.log" | paste -sd ',' | sed 's/,/, /g')"
      done
      echo "- (e) against (a): $agree"
    } >>"$RESULTS"
  done
  echo >>"$RESULTS"
  echo "Raw measurements (size, process, run, wall s, max RSS KB, CPU s): ${MEASUREMENTS#"$BORDERFLOW_HOME/"}" >>"$RESULTS"
  cat "$RESULTS"
  exit 0
fi

IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
AGREEMENT=()
for size in "${SIZE_LIST[@]}"; do
  raw="$BENCH/events-$size-d$DAYS-s$SEED"
  if [[ ! -f "$raw/_generator.properties" ]]; then
    measure "$size" generator 1 "" "$BORDERFLOW_HOME/jobs/generate.sh" --events "$size" --days "$DAYS" \
      --seed "$SEED" --out "$raw"
  fi
  as_of="$(sed -n 's/^last_day=//p' "$raw/_generator.properties")"
  out="$BENCH/out-$size"
  for ((run = 1; run <= RUNS; run++)); do
    measure "$size" pipeline "$run" "$out/pipeline" "${PIPELINE[@]}" --raw "$raw" --out "$out/pipeline" --as-of "$as_of"
    measure "$size" plain-spark "$run" "$out/plain-spark" "${PLAIN_SPARK[@]}" --raw "$raw" --out "$out/plain-spark"
    measure "$size" duckdb "$run" "$out/duckdb" "${DUCKDB[@]}" "$raw" "$out/duckdb" "$BORDERFLOW_HOME/conf/countries.csv" \
      "$DUCKDB_MEMORY"
    measure "$size" duckdb-persons "$run" "$out/duckdb-persons" "${DUCKDB_PERSONS[@]}" "$raw" "$out/duckdb-persons" \
      "$BORDERFLOW_HOME/conf/countries.csv" "$DUCKDB_MEMORY"
  done
  if agree="$(java -cp "$TEST_CP" org.borderflow.bench.WeeklyResultsAgree "$out/plain-spark" "$out/duckdb" \
      "$out/pipeline" 2>&1)"; then
    AGREEMENT+=("$(grouped "$size") events: results agree ($agree)")
  else
    AGREEMENT+=("$(grouped "$size") events: RESULTS DIFFER ($agree)")
  fi
  # Several lines of counts, joined into one list item.
  if agree="$(java -cp "$TEST_CP" org.borderflow.bench.PersonsResultsAgree "$out/duckdb-persons" "$out/pipeline" \
      "$raw" 2>&1)"; then
    AGREEMENT+=("$(grouped "$size") events: person figures of (a) and (d) agree (${agree//$'\n'/; })")
  else
    AGREEMENT+=("$(grouped "$size") events: PERSON FIGURES OF (a) AND (d) DIFFER (${agree//$'\n'/; })")
  fi
done

# Medians (the mean of the two middle values for an even count), peaks, ratios and scaling.
{
  echo
  echo "At the end: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  awk -F'\t' -v sizes="$SIZES" '
    function grouped(n,   s) {
      s = sprintf("%.0f", n)
      while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
      return s
    }
    function median(values, key,   n, i, j, t, v) {
      n = count[key]
      for (i = 1; i <= n; i++) v[i] = values[key, i]
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    {
      key = $1 SUBSEP $2; count[key]++; wall[key, count[key]] = $4; cpu[key, count[key]] = $6
      if ($5 > peak[key]) peak[key] = $5
    }
    END {
      split(sizes, size, ",")
      name["generator"] = "generator (jobs/generate.sh)"; name["pipeline"] = "(a) Borderflow pipeline"
      name["plain-spark"] = "(b) plain Spark weekly (floor)"; name["duckdb"] = "(c) DuckDB weekly"
      name["duckdb-persons"] = "(d) DuckDB person-level"
      print "| events | process | runs | median wall (s) | events/s | median CPU (s) | peak RSS (MB) |"
      print "|---:|---|---:|---:|---:|---:|---:|"
      for (s = 1; s in size; s++) {
        n = split("generator pipeline plain-spark duckdb duckdb-persons", engines, " ")
        for (e = 1; e <= n; e++) {
          key = size[s] SUBSEP engines[e]
          if (!(key in count)) continue
          m = median(wall, key); med[key] = m
          printf "| %s | %s | %d | %.1f | %s | %.1f | %s |\n", grouped(size[s]), name[engines[e]], count[key], m,
            grouped(size[s] / m), median(cpu, key), grouped(peak[key] / 1024)
        }
      }
      print ""
      for (s = 1; s in size; s++) {
        a = med[size[s], "pipeline"]
        printf "- %s events: a/b = %.2f, a/c = %.2f, a/d = %.2f\n", grouped(size[s]), a / med[size[s], "plain-spark"],
          a / med[size[s], "duckdb"], a / med[size[s], "duckdb-persons"]
      }
      for (s = 2; s in size; s++)
        printf "- pipeline scaling: time(%s) / time(%s) = %.2f for %.1fx the events\n", grouped(size[s]), grouped(size[1]), med[size[s], "pipeline"] / med[size[1], "pipeline"], size[s] / size[1]
    }' "$MEASUREMENTS"
  for line in "${AGREEMENT[@]}"; do echo "- $line"; done
  echo
  echo "Raw measurements (size, process, run, wall s, max RSS KB, CPU s): ${MEASUREMENTS#"$BORDERFLOW_HOME/"}"
} >>"$RESULTS"

cat "$RESULTS"
