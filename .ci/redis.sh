# shellcheck shell=bash
# Sourced by the CI script: installs Debian's redis-server when it is missing. The test suite
# (test/setup/redis.ts) and the store benchmark start their own throwaway server on a free
# loopback port, so nothing is started here; the package's own service, if the init system starts
# one, is not used.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "::: apt-get install redis-server"
  redis_sudo=()
  [ "$(id -u)" -ne 0 ] && redis_sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${redis_sudo[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${redis_sudo[@]}" apt-get install -y -qq redis-server >/dev/null
  unset redis_sudo
  command -v redis-server >/dev/null 2>&1 || echo "::: redis-server could not be installed; the Redis store tests will fail"
fi
