# Sourced by bin/lumen and the repository's bin/ scripts: finds a JDK 25 or newer.
# lumen_java_home prints its directory, or explains on stderr and fails.

lumen_java_major() { # <jdk dir>: the feature version from its release file
  local line
  line=$(grep -s '^JAVA_VERSION=' "$1/release") || return 1
  line=${line#JAVA_VERSION=\"}
  line=${line%%[.\"]*}
  [[ $line =~ ^[0-9]+$ ]] && echo "$line"
}

lumen_java_home() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(lumen_java_major "$candidate") || continue
    if [ "$major" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  echo "lumen needs a JDK 25 or newer: set JAVA_HOME to one (none found in \$JAVA_HOME, /usr/lib/jvm or on the PATH)" >&2
  return 1
}
