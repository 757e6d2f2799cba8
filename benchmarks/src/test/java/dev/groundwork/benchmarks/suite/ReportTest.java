package dev.groundwork.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from JMH's JSON: ratios both ways up, errors in quadrature, verdicts, and a missing peer refused. */
class ReportTest {

    @TempDir
    Path run;

    /** One JMH result as JMH writes it (the fields the report reads). */
    private static String result(String method, String mode, String params, double score, String error, double bytes) {
        return """
                {"benchmark": "dev.groundwork.benchmarks.%s", "mode": "%s", "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "%s"},
                 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s, "scoreUnit": "B/op"}}}""".formatted(method, mode, params, score, error, mode.equals("thrpt") ? "ops/us" : "us/op", bytes);
    }

    private void json(String... results) throws IOException {
        Files.writeString(run.resolve("jmh.json"), "[" + String.join(",", results) + "]");
    }

    private static final Area LIMIT =
            Area.parse("| limit | `L.groundwork` | `L.peerA, L.peerB` | ≥ 1.2 | fastest | `scenario=admit` |", "test");
    private static final Area PAGE = Area.parse("| page | `P.ours` | `P.hand` | ≥ 0.83 | `P.hand` | |", "test");

    @Test
    void ratiosAreGroundworksSpeedWithErrorsInQuadrature() throws IOException {
        json(
                result("L.groundwork", "thrpt", "\"scenario\": \"admit\"", 30, "3", 0),
                result("L.peerA", "thrpt", "\"scenario\": \"admit\"", 20, "1", 64),
                result("L.peerB", "thrpt", "\"scenario\": \"admit\"", 24, "2.4", 0),
                result("L.groundwork", "thrpt", "\"scenario\": \"refuse\"", 10, "1", 0),
                result("L.peerA", "thrpt", "\"scenario\": \"refuse\"", 40, "1", 0),
                result("L.peerB", "thrpt", "\"scenario\": \"refuse\"", 5, "1", 0),
                // time per operation: lower is better, so the ratio is the peer's time over ours
                result("P.ours", "avgt", "", 240, "12", 1000),
                result("P.hand", "avgt", "", 200, "\"NaN\"", 900));

        String markdown = Report.write(run, List.of(LIMIT, PAGE));

        List<Report.Result> results = Report.read(run.resolve("jmh.json"));
        Report.Ratio admit = Report.Ratio.of(results.get(0), results.get(2));
        assertThat(admit.value()).isCloseTo(1.25, within(1e-9));
        assertThat(admit.error()).isCloseTo(1.25 * Math.sqrt(0.1 * 0.1 + 0.1 * 0.1), within(1e-9));
        Report.Ratio page = Report.Ratio.of(results.get(6), results.get(7));
        assertThat(page.value()).isCloseTo(200.0 / 240, within(1e-9));
        assertThat(page.error()).isNaN();

        // admit: 1.25 ± 0.18 against the faster peer (B) and a target of 1.2: within error
        assertThat(markdown).contains("| admit | peerB | 24.0 ± 2.4 | 0 | 1.25 ± 0.18× | ≥ 1.2: within error |");
        assertThat(markdown).contains("| admit | peerA | 20.0 ± 1.0 | 64 | 1.50 ± 0.17× |  |");
        // refuse: the target applies only where scenario=admit; the fastest peer is A there
        assertThat(markdown).contains("| limit refuse | peerA | 0.250 ± 0.026× | — | — |");
        assertThat(markdown).contains("| page | hand | 0.833× | ≥ 0.83 | met (no error estimate) |");
        assertThat(markdown).contains("Score in us/op (lower is better)");
        assertThat(Files.readString(run.resolve("ratios.svg")))
                .startsWith("<svg")
                .contains("limit admit vs peerB", "page vs hand")
                .contains("#9e9e9e") // within error: grey
                .contains("#2e7d32"); // met: green
    }

    @Test
    void verdictsSayMetNotMetOrWithinError() {
        assertThat(new Report.Ratio(1.5, 0.1).verdict(1.2)).isEqualTo("met");
        assertThat(new Report.Ratio(1.0, 0.1).verdict(1.2)).isEqualTo("**not met**");
        assertThat(new Report.Ratio(1.15, 0.1).verdict(1.2)).isEqualTo("within error");
        assertThat(new Report.Ratio(1.25, Double.NaN).verdict(1.2)).isEqualTo("met (no error estimate)");
    }

    @Test
    void aPeerWithoutAResultFailsTheReport() throws IOException {
        json(
                result("L.groundwork", "thrpt", "\"scenario\": \"admit\"", 30, "3", 0),
                result("L.peerA", "thrpt", "\"scenario\": \"admit\"", 20, "1", 64));
        assertThatThrownBy(() -> Report.write(run, List.of(LIMIT)))
                .isInstanceOf(Report.MissingResultException.class)
                .hasMessageContaining("L.peerB")
                .hasMessageContaining("{scenario=admit}");
        assertThat(run.resolve("report.md")).doesNotExist();
    }

    @Test
    void anAreaThatDidNotRunIsLeftOutOfAFilteredRun() throws IOException {
        json(result("P.ours", "avgt", "", 240, "12", 1000), result("P.hand", "avgt", "", 200, "10", 900));
        String markdown = Report.write(run, List.of(LIMIT, PAGE));
        assertThat(markdown).contains("## page").doesNotContain("## limit");
        assertThat(Report.fmt(1234.5)).isEqualTo("1,235");
        assertThat(Report.fmt(0.01234)).isEqualTo("0.0123");
        assertThat(Map.of()).isEmpty();
    }

    @Test
    void aProfiledFolderIsLinkedFromTheReport() throws IOException {
        json(result("P.ours", "avgt", "", 240, "12", 1000), result("P.hand", "avgt", "", 200, "10", 900));
        assertThat(Report.write(run, List.of(PAGE))).doesNotContain("profiles.md");
        Files.createDirectories(run.resolve("profiles"));
        Files.writeString(run.resolve("profiles").resolve("profiles.md"), "# Where the time goes\n");
        assertThat(Report.write(run, List.of(PAGE))).contains("[profiles/profiles.md](profiles/profiles.md)");
    }
}
