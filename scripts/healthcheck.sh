#!/usr/bin/env bash
# The container's health check (the image's HEALTHCHECK and the ECS task definition's): exits 0
# when GET /health on this container answers 200 within 4 seconds, non-zero otherwise. Plain bash
# (its /dev/tcp) and coreutils' timeout: a check costs milliseconds, where starting a JVM for it
# cost about 0.45 CPU-seconds and 78 MiB every 30 s, enough under load to time out and have ECS
# replace a busy, healthy task. The port comes from PORT (default 8080), as the server's does.
set -u
# shellcheck disable=SC2016 # the inner script expands its own $1, given after it
exec timeout 4 bash -c '
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3
  read -r _ status _ <&3 || exit 1
  [ "$status" = 200 ]
' healthcheck "${PORT:-8080}"
