#!/usr/bin/env bash
# Runs a command (the test suite) beside a throwaway OpenSearch node and stops the node after it,
# whatever the command's outcome. The command finds the node in OPENSEARCH_URL and exits with its
# own status. Without Java 17 and Maven the command runs alone and the OpenSearch contract tests
# skip, saying why; with OPENSEARCH_REQUIRED set (.ci/run, which installs them) that is a failure.
#
# Usage: tests/opensearch/with-node.sh COMMAND [ARGUMENT...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/../../var/opensearch-test-node"
# Seconds for the node to start and turn healthy (it takes about ten on an idle machine).
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  message="Java and Maven are not installed: the search contract suite will NOT run against OpenSearch (.ci/run installs them; apt-get install openjdk-17-jdk-headless maven)"
  if [ -n "${OPENSEARCH_REQUIRED:-}" ]; then
    echo "error: $message" >&2
    exit 1
  fi
  echo "warning: $message" >&2
  exec "$@"
fi

mkdir -p "$build"
if ! mvn -B -q -f "$here/pom.xml" compile >"$build/maven.log" 2>&1; then
  cat "$build/maven.log" >&2
  echo "error: the OpenSearch test node did not build (tests/opensearch/pom.xml)" >&2
  exit 1
fi

folder="$(mktemp -d "${TMPDIR:-/tmp}/passerelle-opensearch.XXXXXX")"
node=""
stop_node() {
  if [ -n "$node" ] && kill -0 "$node" 2>/dev/null; then
    kill "$node" 2>/dev/null || true
    wait "$node" 2>/dev/null || true
  fi
  rm -rf "$folder"
}
trap stop_node EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The node stops by itself when this script's process is gone, even if it is killed outright.
bash "$here/run-node.sh" "$folder" "$$" >"$folder/node.log" 2>&1 &
node=$!

waited=0
until [ -s "$folder/http.port" ]; do
  if ! kill -0 "$node" 2>/dev/null; then
    tail -n 40 "$folder/node.log" >&2
    echo "error: the OpenSearch test node stopped while starting (its log above)" >&2
    exit 1
  fi
  if [ "$waited" -ge "$START_TIMEOUT" ]; then
    tail -n 40 "$folder/node.log" >&2
    echo "error: the OpenSearch test node was not healthy within ${START_TIMEOUT}s" >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done

export OPENSEARCH_URL="http://127.0.0.1:$(cat "$folder/http.port")"
echo "OpenSearch test node at $OPENSEARCH_URL (started in ${waited}s)"
status=0
"$@" || status=$?
exit "$status"
