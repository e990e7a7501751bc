"""Checks borderflow_dag.py without Airflow: stand-in modules record what the DAG file builds.

    python3 -B jobs/airflow/test_borderflow_dag.py

Run by the Maven build (org.borderflow.schedule.AirflowDagTest) when python3 is on the PATH. What is checked: the
spark-submit arguments match the pipeline's command line (incremental, with the weekly full recompute), the full
recompute falls on the chosen weekday, retries are on, and exit statuses 2 and 3 fail the task
without a retry while 1 is left to the retries.
"""
from __future__ import annotations

import importlib.util
import pathlib
import sys
import types
import unittest

DAG_FILE = pathlib.Path(__file__).with_name("borderflow_dag.py")


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


class DAG:
    built: list[DAG] = []

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.tasks = []
        DAG.built.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class SparkSubmitOperator:
    """Records its arguments; execute() raises what the test puts in `failure`, as SparkSubmitHook would."""

    failure: Exception | None = None

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        DAG.built[-1].tasks.append(self)

    def execute(self, context):
        if SparkSubmitOperator.failure is not None:
            raise SparkSubmitOperator.failure


class CronDataIntervalTimetable:
    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = timezone


def install_stand_ins():
    modules = {
        "airflow": {"DAG": DAG},
        "airflow.exceptions": {"AirflowException": AirflowException, "AirflowFailException": AirflowFailException},
        "airflow.providers": {},
        "airflow.providers.apache": {},
        "airflow.providers.apache.spark": {},
        "airflow.providers.apache.spark.operators": {},
        "airflow.providers.apache.spark.operators.spark_submit": {"SparkSubmitOperator": SparkSubmitOperator},
        "airflow.timetables": {},
        "airflow.timetables.interval": {"CronDataIntervalTimetable": CronDataIntervalTimetable},
    }
    for name, attributes in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(attributes)
        sys.modules[name] = module


def load_dag_module():
    install_stand_ins()
    spec = importlib.util.spec_from_file_location("borderflow_dag", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BorderflowDagTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.module = load_dag_module()
        cls.dag = DAG.built[-1]
        cls.task = cls.dag.tasks[0]

    def tearDown(self):
        SparkSubmitOperator.failure = None

    def submit_failing_with(self, message):
        SparkSubmitOperator.failure = AirflowException(message)
        self.task.execute(context={})

    def test_one_daily_task_submits_the_pipeline_as_of_the_logical_date(self):
        self.assertEqual("borderflow", self.dag.kwargs["dag_id"])
        self.assertEqual(1, len(self.dag.tasks))
        self.assertEqual("30 6 * * *", self.dag.kwargs["schedule"].cron)
        self.assertFalse(self.dag.kwargs["catchup"])
        self.assertEqual(1, self.dag.kwargs["max_active_runs"])
        kwargs = self.task.kwargs
        self.assertEqual("org.borderflow.jobs.Borderflow", kwargs["java_class"])
        self.assertTrue(kwargs["application"].endswith("borderflow.jar"))
        m = self.module
        self.assertEqual(
            ["pipeline", "--raw", m.RAW, "--out", m.OUT, "--conf", m.JOB_CONF, "--as-of", "{{ ds }}",
             "--incremental", "--rebuild-state={{ full_recompute(ds) }}"],
            kwargs["application_args"])
        self.assertIs(m.full_recompute, self.dag.kwargs["user_defined_macros"]["full_recompute"])

    def test_the_full_recompute_runs_on_the_chosen_weekday(self):
        m = self.module
        self.assertEqual("true", m.full_recompute("2025-01-05"))  # a Sunday, FULL_RECOMPUTE_WEEKDAY 7
        self.assertEqual("false", m.full_recompute("2025-01-06"))

    def test_failures_are_retried(self):
        self.assertGreater(self.dag.kwargs["default_args"]["retries"], 0)

    def test_bad_arguments_and_bad_input_fail_without_retry(self):
        for status in (2, 3):
            with self.subTest(status=status):
                with self.assertRaises(AirflowFailException) as raised:
                    self.submit_failing_with(f"Cannot execute: spark-submit ... Error code is: {status}.")
                self.assertIn(f"borderflow exited {status}", str(raised.exception))

    def test_other_failures_are_left_to_the_retries(self):
        with self.assertRaises(AirflowException) as raised:
            self.submit_failing_with("Cannot execute: spark-submit ... Error code is: 1.")
        self.assertNotIsInstance(raised.exception, AirflowFailException)

    def test_the_driver_pods_exit_status_counts_on_kubernetes(self):
        message = "Cannot execute: spark-submit ... Error code is: 0. Kubernetes spark exit code is: 3"
        self.assertEqual(3, self.module.borderflow_exit_status(message))
        self.assertIsNone(self.module.borderflow_exit_status("No driver id is known"))

    def test_success_passes_through(self):
        self.assertIsNone(self.task.execute(context={}))


if __name__ == "__main__":
    unittest.main()
