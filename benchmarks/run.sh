#!/usr/bin/env bash
# The benchmark suite over the shaded jar: every area of benchmarks/README.md's targets, Groundwork beside its peers,
# then the report. Options: --quick, --smoke, --only <regex>, --out <folder>, --list (see benchmarks/README.md).
# Build the jar first: ./mvnw -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "no $jar: build it with ./mvnw -B -q -pl benchmarks -am package -DskipTests" >&2
  exit 2
fi
exec "${JAVA:-java}" -cp "$jar" dev.groundwork.benchmarks.suite.Suite --readme benchmarks/README.md "$@"
