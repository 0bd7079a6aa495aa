#!/usr/bin/env bash
# Start or stop a throw-away single-node Elasticsearch 8 for the search tests.
#
#   bash .ci/elasticsearch.sh start DIR   fetch (Maven), unpack, start on 127.0.0.1:9200, wait for green
#   bash .ci/elasticsearch.sh stop DIR    stop the node started in DIR
#
# The integ-test distribution is small and on Maven Central, but has no bundled JDK
# and no analysis-common module: the search app does its own linguistics.
set -euo pipefail

ACTION=${1:?usage: elasticsearch.sh start|stop DIR}
DIR=$(mkdir -p "${2:?usage: elasticsearch.sh start|stop DIR}" && cd "$2" && pwd)
VERSION=${ES_VERSION:-8.19.7}
ARTIFACT=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip
HOME_DIR=$DIR/elasticsearch-$VERSION
PORT=${ES_PORT:-9200}
URL=http://127.0.0.1:$PORT
RUN_USER=${ES_USER:-elasticsearch}
TIMEOUT=${ES_TIMEOUT:-180}

pick_jdk() {
  # 8.19 runs on Java 17; prefer it, take the newer Temurin beside it otherwise.
  for candidate in "${ES_JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      echo "$candidate"
      return
    fi
  done
  echo "no JDK found under /usr/lib/jvm" >&2
  exit 1
}

as_user() {
  # Elasticsearch refuses to run as root.
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$RUN_USER" -- "$@"
  else
    "$@"
  fi
}

fetch() {
  if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
    mvn -q -B dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$DIR"
    unzip -q -o "$DIR/elasticsearch-$VERSION.zip" -d "$DIR"
  fi
}

configure() {
  local config=$HOME_DIR/config/elasticsearch.yml
  cat >"$config" <<EOF
cluster.name: vuosikello-ci
node.name: ci
network.host: 127.0.0.1
http.port: $PORT
discovery.type: single-node
path.data: $DIR/data
path.logs: $DIR/logs
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  # The integ-test zip ships x-pack-security; only then is the setting known.
  if [ -d "$HOME_DIR/modules/x-pack-security" ]; then
    echo "xpack.security.enabled: false" >>"$config"
  fi
  mkdir -p "$DIR/data" "$DIR/logs"
  if [ "$(id -u)" = 0 ]; then
    id -u "$RUN_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
    chown -R "$RUN_USER" "$DIR"
  fi
}

wait_green() {
  local deadline=$((SECONDS + TIMEOUT))
  until curl -fsS "$URL/_cluster/health?wait_for_status=green&timeout=5s" 2>/dev/null | grep -q '"status":"green"'; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$(cat "$DIR/es.pid" 2>/dev/null)" 2>/dev/null; then
      echo "Elasticsearch did not become green within ${TIMEOUT}s; log follows" >&2
      tail -n 80 "$DIR/logs/"*.log "$DIR/console.log" 2>/dev/null >&2 || true
      exit 1
    fi
    sleep 2
  done
  echo "Elasticsearch $VERSION is green at $URL"
}

start() {
  # The integ-test node answers 405 on GET /, so any HTTP status means "taken".
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/_cluster/health" || true)" != 000 ]; then
    echo "something already answers at $URL; not starting another node" >&2
    exit 1
  fi
  fetch
  configure
  local jdk
  jdk=$(pick_jdk)
  as_user env ES_JAVA_HOME="$jdk" ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$DIR/es.pid" >"$DIR/console.log" 2>&1
  wait_green
}

stop() {
  if [ -f "$DIR/es.pid" ]; then
    local pid
    pid=$(cat "$DIR/es.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    rm -f "$DIR/es.pid"
  fi
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: elasticsearch.sh start|stop DIR" >&2; exit 2 ;;
esac
