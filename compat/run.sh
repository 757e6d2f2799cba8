#!/usr/bin/env bash
# Usage: compat/run.sh [platform ...]   (default: every platform below)
#
# The compatibility matrix. Runs every published module's own tests under the third-party versions a platform's
# BOM manages (the parent's platform profiles import it ahead of dependencies/pom.xml), under `floor`, the
# oldest versions Groundwork supports, and under `lettuce-7`, the Lettuce line newer than the one Groundwork ships
# (both in dependencies/pom.xml). The classes are the ones `./mvnw -B verify` compiled
# against Groundwork's own versions; only Surefire runs here, nothing is compiled again. That is what a user's
# build sees when it imports Spring Boot's, Quarkus's or Micronaut's BOM and adds a Groundwork module: a call to
# an API that the platform's version lacks fails here as the NoSuchMethodError the user would have met.
#
# Writes target/compat/matrix.md: per platform and module, the tests run and the versions they ran on (read from
# the class path Surefire recorded, so the table shows what was tested, not what was asked for).
set -euo pipefail
cd "$(dirname "$0")/.."

all=(spring-boot-3.5 spring-boot-4.0 quarkus-3.33 micronaut-4.10 floor lettuce-7)
if [ $# -gt 0 ]; then platforms=("$@"); else platforms=("${all[@]}"); fi
# A misspelt name would activate no profile and test Groundwork's own versions under its label.
for platform in "${platforms[@]}"; do
  case " ${all[*]} " in
    *" $platform "*) ;;
    *) echo "compat/run.sh: unknown platform '$platform'; one of: ${all[*]}" >&2; exit 2 ;;
  esac
done
# Every module but those that are not published (the example applications and the benchmarks, which choose their own
# versions), and ratelimit-core, which uses no third-party library.
modules='!benchmarks,!examples,!examples-spring-boot,!examples-micronaut,!ratelimit-core'
redis_modules='build-support,auth-core,auth-redis,cache-core,cache-redis,ratelimit-core,ratelimit-redis'
libraries='caffeine|nimbus-jose-jwt|jackson-databind|lettuce-core|netty-common|reactor-core|resilience4j-core|micrometer-core|hibernate-core|jakarta.persistence-api'

if [ ! -d auth-core/target/test-classes ]; then
  echo "compat/run.sh runs the classes a build compiled: run ./mvnw -B verify first" >&2
  exit 2
fi

# The sum of one attribute (tests, skipped) over the test suites of a reports folder.
count() {
  grep -ho '<testsuite [^>]*' "$2"/TEST-*.xml | grep -o " $1=\"[0-9]*\"" | awk -F'"' '{ n += $2 } END { print n + 0 }'
}

# One table row per module that ran: its tests (failed, skipped), then each shared library's version on its class path.
summarise() {
  local reports module tests failed skipped versions
  for reports in */target/surefire-reports; do
    module=${reports%%/*}
    ls "$reports"/TEST-*.xml >/dev/null 2>&1 || continue
    tests=$(count tests "$reports")
    failed=$(($(count failures "$reports") + $(count errors "$reports")))
    skipped=$(count skipped "$reports")
    # (A module may use none of them: ratelimit-core.)
    versions=$({ grep -hoE "/($libraries)-[0-9][^/:\"]*\.jar" "$reports"/TEST-*.xml || true; } \
      | sed -E 's#^/##; s#\.jar$##' | sort -u | paste -sd' ')
    echo "| $module | $tests ($failed failed, $skipped skipped) | $versions |"
  done
}

mkdir -p target/compat
summary=target/compat/matrix.md
echo "# Compatibility matrix ($(date -u +%Y-%m-%d))" > "$summary"
failed_platforms=""
for platform in "${platforms[@]}"; do
  echo "==> module tests under $platform"
  # Reports of an earlier run must not be read as this one's.
  rm -rf ./*/target/surefire-reports
  selection=$modules
  if [ "$platform" = lettuce-7 ]; then
    # Only Lettuce changes: the Redis modules, and the modules they need in the reactor.
    selection=$redis_modules
  fi
  if ./mvnw -B -q -Dgroundwork.platform="$platform" surefire:test -pl "$selection" -fae; then
    result=passed
  else
    result=FAILED
    failed_platforms="$failed_platforms $platform"
  fi
  {
    echo
    echo "## $platform: $result"
    echo
    echo "| module | tests | versions on the class path |"
    echo "|---|---|---|"
    summarise
  } >> "$summary"
done
cat "$summary"
if [ -n "$failed_platforms" ]; then
  echo "compat/run.sh: module tests failed under:$failed_platforms" >&2
  exit 1
fi
