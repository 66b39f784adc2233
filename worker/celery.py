"""The Celery application, configured from Django settings (CELERY_ namespace)."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("passerelle")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Named, not imported: the step reads Django models, loaded once the worker has set Django up.
app.steps["worker"].add("worker.heartbeat:HeartbeatStep")


@app.on_after_configure.connect
def create_broker_folders(sender, **kwargs):
    """Kombu's filesystem transport expects its folders to exist."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder", "claims_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@worker_init.connect
def load_language_model(sender=None, **kwargs):
    """Read the language model (about 0.7 s) once, before the pool forks, rather than in each
    pool process at its first document: the processes share it and start working at once."""
    from worker.extract.language import load_model

    load_model()
