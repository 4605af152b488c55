# Sourced by ./mvnw and ./registry: find_jdk prints the newest JDK 21 or newer (Helidon 4 needs
# 21) among JAVA_HOME, `java` on the PATH and the usual install locations, so a fresh machine whose
# default java is older still builds and runs. POSIX sh; needs globbing on.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

find_jdk() {
  candidates=""
  [ -n "${JAVA_HOME:-}" ] && candidates="$JAVA_HOME"
  if command -v java >/dev/null 2>&1; then
    candidates="$candidates $(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* \
             /opt/java/* /opt/jdk*; do
    [ -d "$dir" ] && candidates="$candidates $dir"
  done
  best="" best_major=0
  for home in $candidates; do
    if [ ! -x "$home/bin/java" ] || [ ! -x "$home/bin/javac" ]; then continue; fi
    major=$(java_major "$home/bin/java")
    case "$major" in ''|*[!0-9]*) continue ;; esac
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$home" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "registry: no JDK 21 or newer found; install one (for example Temurin 21) or set JAVA_HOME" >&2
    exit 1
  fi
  echo "$best"
}
