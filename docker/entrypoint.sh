#!/bin/sh
# The image's entrypoint. Before the web server (gunicorn) starts: apply the migrations and,
# when LOAD_DEMO_DATA is 1, load the demo research items (safe to repeat) and rebuild the
# search index. Any other command (celery, manage.py …) runs as given, untouched.
set -eu

if [ "${1:-}" = "gunicorn" ]; then
    python manage.py migrate --noinput
    case "$(printf '%s' "${LOAD_DEMO_DATA:-0}" | tr '[:upper:]' '[:lower:]')" in
        1 | true | yes | on)
            python manage.py seed_demo
            python manage.py search_reindex
            ;;
    esac
fi

exec "$@"
