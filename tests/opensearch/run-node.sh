#!/usr/bin/env bash
# Runs the OpenSearch test node built by with-node.sh (var/opensearch-test-node) in the foreground:
# heap capped, data in FOLDER, stopping by itself once PARENT_PID is gone. Once healthy, the node
# writes its HTTP port to FOLDER/http.port. with-node.sh starts the suite's shared node with it;
# the fault tests (tests/search/test_opensearch_faults.py) start their own, which they kill.
#
# Usage: tests/opensearch/run-node.sh FOLDER PARENT_PID [HTTP_PORT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/../../var/opensearch-test-node"
exec java -Xms512m -Xmx512m -XX:+UseSerialGC -cp "$build/classes:$(cat "$build/classpath.txt"):$build/knn-plugin/*" \
  org.passerelle.testnode.TestNode "$@"
