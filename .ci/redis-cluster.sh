# shellcheck shell=bash
# Sourced by the CI script: starts a throwaway Redis Cluster of three masters on free loopback
# ports (no replicas, no persistence, a temporary directory), waits for cluster_state:ok and
# exports REDIS_CLUSTER_NODES=127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3 for the test setup
# (test/setup/redis.ts). redis_cluster_stop shuts it down and removes the directory.

redis_cluster_dir=''
redis_cluster_ports=()

redis_cluster_free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

redis_cluster_start() {
  redis_cluster_dir=$(mktemp -d)
  redis_cluster_ports=()
  local port i
  for i in 1 2 3; do
    port=$(redis_cluster_free_port)
    redis-server --port "$port" --bind 127.0.0.1 --dir "$redis_cluster_dir" \
      --cluster-enabled yes --cluster-config-file "nodes-$port.conf" --cluster-node-timeout 5000 \
      --appendonly no --save '' --daemonize yes --logfile "$redis_cluster_dir/redis-$port.log" \
      --pidfile "$redis_cluster_dir/redis-$port.pid" || return 1
    redis_cluster_ports+=("$port")
  done
  local nodes=()
  for port in "${redis_cluster_ports[@]}"; do
    for i in $(seq 1 100); do
      redis-cli -p "$port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    nodes+=("127.0.0.1:$port")
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null || return 1
  for i in $(seq 1 300); do
    local ok=0
    for port in "${redis_cluster_ports[@]}"; do
      redis-cli -p "$port" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && ok=$((ok + 1))
    done
    if [ "$ok" -eq 3 ]; then
      REDIS_CLUSTER_NODES=$(IFS=,; echo "${nodes[*]}")
      export REDIS_CLUSTER_NODES
      echo "::: Redis Cluster on $REDIS_CLUSTER_NODES"
      return 0
    fi
    sleep 0.1
  done
  echo "::: the Redis Cluster did not reach cluster_state:ok"
  return 1
}

redis_cluster_stop() {
  local port
  for port in "${redis_cluster_ports[@]}"; do
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  done
  redis_cluster_ports=()
  [ -n "$redis_cluster_dir" ] && rm -rf "$redis_cluster_dir"
  redis_cluster_dir=''
  unset REDIS_CLUSTER_NODES
}
