"""Checks behind /healthz: is each part the portal needs reachable right now?"""

import logging

from django.db import DatabaseError, connections

from search.backends import get_search_backend
from worker.celery import app

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"


def check_database(alias: str = "default") -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health: database unreachable: %s", error)
        return UNAVAILABLE
    return OK


def check_search() -> str:
    try:
        health = get_search_backend().health()
    except Exception as error:  # any engine fault means "unavailable", logged with its cause
        logger.warning("health: search engine unreachable: %s", error)
        return UNAVAILABLE
    if not health.ok:
        logger.warning("health: search engine unhealthy: %s", health.detail)
        return UNAVAILABLE
    return OK


def check_broker() -> str:
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:  # kombu raises transport-specific errors; all mean unreachable
        logger.warning("health: broker unreachable: %s", error)
        return UNAVAILABLE
    return OK


def system_health() -> dict[str, str]:
    parts = {"database": check_database(), "search": check_search(), "broker": check_broker()}
    status = OK if all(value == OK for value in parts.values()) else UNAVAILABLE
    return {"status": status, **parts}
