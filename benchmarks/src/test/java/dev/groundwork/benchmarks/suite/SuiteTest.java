package dev.groundwork.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import one.profiler.AsyncProfilerLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's failures: a benchmark that throws, or one that does not exist, fails the command with status 1 and
 * writes no report; a run that works writes the JSON and the report. Real JMH runs (one fork, 100 ms).
 */
class SuiteTest {

    @TempDir
    Path out;

    @Test
    void aBenchmarkThatThrowsFailsTheCommand() throws IOException {
        Area area = Area.parse(
                "| self | `SuiteSelfTestBenchmark.works` | `SuiteSelfTestBenchmark.throwsAlways` | — | fastest | |",
                "test");
        assertThat(Suite.run(Suite.Mode.SMOKE, List.of(area), out, false)).isEqualTo(1);
        assertThat(out.resolve("report.md")).doesNotExist();
    }

    @Test
    void aBenchmarkThatDoesNotExistFailsTheCommand() throws IOException {
        Area area = Area.parse(
                "| self | `SuiteSelfTestBenchmark.works` | `SuiteSelfTestBenchmark.noSuchPeer` | — | fastest | |",
                "test");
        assertThat(Suite.run(Suite.Mode.SMOKE, List.of(area), out, false)).isEqualTo(1);
        assertThat(out.resolve("report.md")).doesNotExist();
    }

    @Test
    void aRunThatWorksWritesTheResultsAndTheReport() throws IOException {
        Area area = Area.parse(
                "| self | `SuiteSelfTestBenchmark.works` | `SuiteSelfTestBenchmark.works` | — | fastest | |", "test");
        assertThat(Suite.run(Suite.Mode.SMOKE, List.of(area), out, false)).isZero();
        assertThat(out.resolve("jmh.json")).exists();
        assertThat(out.resolve("environment.properties")).content().contains("cores", "smoke");
        assertThat(out.resolve("report.md")).content().contains("## self", "| **works** |");
    }

    @Test
    void aProfiledRunWritesFlameGraphsAndTheirSummaryInsteadOfTheReport() throws IOException {
        assumeTrue(AsyncProfilerLoader.isSupported(), "async-profiler has no build for this platform");
        Area area = Area.parse(
                "| self | `SuiteSelfTestBenchmark.works` | `SuiteSelfTestBenchmark.works` | — | fastest | |", "test");
        assertThat(Suite.run(Suite.Mode.SMOKE, List.of(area), out, true)).isZero();
        Path profile =
                out.resolve("profiles").resolve("dev.groundwork.benchmarks.SuiteSelfTestBenchmark.works-Throughput");
        assertThat(profile.resolve("flame-cpu-forward.html")).isNotEmptyFile();
        assertThat(profile.resolve("flame-cpu-reverse.html")).doesNotExist();
        assertThat(out.resolve("profiles").resolve("profiles.md"))
                .content()
                .contains(
                        "## SuiteSelfTestBenchmark.works-Throughput",
                        "| library | self |",
                        "| hottest methods | self |");
        assertThat(out.resolve("report.md")).doesNotExist();
    }
}
