"""Borderflow on Apache Airflow: the pipeline once a day, through spark-submit.

Needs apache-airflow (2.10 or newer, or 3.x) and apache-airflow-providers-apache-spark on the Airflow workers, a
`spark-submit` of Spark 4.1 (Scala 2.13) there, and a Spark connection (`spark_default` below) naming the master:
`yarn`, `k8s://https://HOST:PORT` or `spark://HOST:7077`. Copy this file into the DAG folder and set the four paths.

Exit statuses and retries
-------------------------
`borderflow pipeline` exits with
  0  success: every table is published and the run manifest says SUCCEEDED;
  1  anything else (cluster, network, memory, a lost executor): retried, `retries` times;
  2  bad arguments or configuration: not retried;
  3  input that breaks the data contract (a non-Parquet or truncated file, a missing column, an empty source
     folder): not retried.
A retry cannot fix 2 or 3, so BorderflowSubmitOperator turns them into AirflowFailException: the task fails at once.
Fix the job file or the landing zone, then clear the task. A failed run never changes what is already published, so
retrying or clearing is always safe.
The status reaches Airflow where spark-submit returns the driver's own exit status: in client deploy mode (the
driver runs inside spark-submit, as below) and in Kubernetes cluster mode (the hook reads the driver pod's exit code).
In YARN cluster mode spark-submit exits 1 for any failed application, so 2 and 3 are retried like 1.

Incremental runs and the periodic full recompute
-----------------------------------------------
The daily run is `--incremental`: it reads only the files delivered since the previous run, plus the state that run
published under <OUT>/_state/, and publishes what a full run over the whole landing zone would (README, "Incremental
runs"). On the ISO weekday FULL_RECOMPUTE_WEEKDAY of the logical date (default 7, Sunday's run; None: never) the run
adds `--rebuild-state=true`: it reads every file, recomputes everything and writes a fresh, compacted state. The
state falls back to a full run by itself whenever it cannot be used (other configuration or code version, a consumed
file changed, an event dated before the state's horizon, which borderflow.incremental.lateness-horizon-days sets),
and the manifest says why.

Backfills
---------
Every run publishes every table for the whole landing zone as of its `--as-of` date and replaces the published
version, so the latest run already covers all history: the DAG does not catch up, and there is nothing to backfill
day by day. Rerun past dates only to republish an older view, for example to reproduce a figure as it stood on a
given day:
    airflow dags backfill --start-date 2022-11-01 --end-date 2022-11-30 borderflow           # Airflow 2
    airflow backfill create --dag-id borderflow --from-date 2022-11-01 --to-date 2022-11-30   # Airflow 3
With max_active_runs=1 the dates run one after the other, in order, and the last one published stays. End a backfill
with the latest date (or clear the latest run afterwards), or the tables keep showing the older view. Rows dated after
a run's `--as-of` date go to rejected_records in that run.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

BORDERFLOW_JAR = "/opt/borderflow/borderflow.jar"  # target/borderflow.jar, the thin job jar
JOB_CONF = "/opt/borderflow/conf/pipeline.conf"  # read by the driver from its local disk (client mode: this host)
RAW = "hdfs:///landing/border"  # any Hadoop URI: hdfs://, s3a://, file:
OUT = "hdfs:///warehouse/borderflow"  # on s3a:// publishing is not atomic (README, "Running on a cluster")

# ISO weekday (1 Monday .. 7 Sunday) of the logical date whose run recomputes everything; None: never.
FULL_RECOMPUTE_WEEKDAY: int | None = 7

NOT_RETRIED = {2: "bad arguments or configuration", 3: "input that breaks the data contract"}
# SparkSubmitHook failures end with "Error code is: N." and, on Kubernetes, "Kubernetes spark exit code is: N".
_EXIT_STATUS = re.compile(r"(?:Error code|Kubernetes spark exit code) is: (\d+)")


def borderflow_exit_status(message: str) -> int | None:
    """The last non-zero exit status named in a SparkSubmitHook failure message, or None."""
    statuses = [int(s) for s in _EXIT_STATUS.findall(message)]
    return next((s for s in reversed(statuses) if s), None)


def full_recompute(ds: str) -> str:
    """'true' when the run of logical date ds (YYYY-MM-DD) is the periodic full recompute, else 'false'."""
    weekday = datetime.strptime(ds, "%Y-%m-%d").isoweekday()
    return "true" if FULL_RECOMPUTE_WEEKDAY is not None and weekday == FULL_RECOMPUTE_WEEKDAY else "false"


class BorderflowSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that fails without retries when Borderflow exits 2 or 3."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowFailException:
            raise
        except AirflowException as error:
            status = borderflow_exit_status(str(error))
            if status in NOT_RETRIED:
                raise AirflowFailException(
                    f"borderflow exited {status} ({NOT_RETRIED[status]}): not retried; "
                    "fix it, then clear this task"
                ) from error
            raise


with DAG(
    dag_id="borderflow",
    description="Border crossings to weekly net-remaining tables and exodus estimates",
    # The run for day D starts at 06:30 UTC on D+1, once D's deliveries are in; {{ ds }} is D. The explicit
    # timetable keeps that meaning on Airflow 3, where a plain cron string would make {{ ds }} the day of the run.
    schedule=CronDataIntervalTimetable("30 6 * * *", timezone="UTC"),
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "retries": 3,
        "retry_delay": timedelta(minutes=10),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(hours=1),
    },
    tags=["borderflow"],
    user_defined_macros={"full_recompute": full_recompute},
) as dag:
    BorderflowSubmitOperator(
        task_id="pipeline",
        conn_id="spark_default",
        deploy_mode="client",
        application=BORDERFLOW_JAR,
        java_class="org.borderflow.jobs.Borderflow",
        name="borderflow-{{ ds }}",
        application_args=["pipeline", "--raw", RAW, "--out", OUT, "--conf", JOB_CONF, "--as-of", "{{ ds }}",
                          "--incremental", "--rebuild-state={{ full_recompute(ds) }}"],
        execution_timeout=timedelta(hours=4),
    )
