package dev.groundwork.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(Suite.run(Suite.Mode.SMOKE, List.of(area), out)).isEqualTo(1);
        assertThat(out.resolve("report.md")).doesNotExist();
    }

    @Test
    void aBenchmarkThatDoesNotExistFailsTheCommand() throws IOException {
        Area area = Area.parse(
                "| self | `SuiteSelfTestBenchmark.works` | `SuiteSelfTestBenchmark.noSuchPeer` | — | fastest | |",
                "test");
        assertThat(Suite.run(Suite.Mode.SMOKE, List.of(area), out)).isEqualTo(1);
        assertThat(out.resolve("report.md")).doesNotExist();
    }

    @Test
    void aRunThatWorksWritesTheResultsAndTheReport() throws IOException {
        Area area = Area.parse(
                "| self | `SuiteSelfTestBenchmark.works` | `SuiteSelfTestBenchmark.works` | — | fastest | |", "test");
        assertThat(Suite.run(Suite.Mode.SMOKE, List.of(area), out)).isZero();
        assertThat(out.resolve("jmh.json")).exists();
        assertThat(out.resolve("environment.properties")).content().contains("cores", "smoke");
        assertThat(out.resolve("report.md")).content().contains("## self", "| **works** |");
    }
}
