from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = "Worker"

    def ready(self) -> None:
        from worker import task_logs
        from worker.signals import connect_signal_handlers

        connect_signal_handlers()
        task_logs.connect_signal_handlers()
