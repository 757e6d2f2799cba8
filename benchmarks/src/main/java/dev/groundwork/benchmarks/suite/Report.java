package dev.groundwork.benchmarks.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report of a suite run, made from JMH's JSON alone: a Markdown table per area with every contender's score
 * and allocation, Groundwork's ratio against each peer with the error propagated, the README's target and whether
 * it is met; a summary; and an SVG chart of the ratios against the targets.
 *
 * <p>A ratio is always Groundwork's speed over the peer's: the scores' quotient for throughput, its inverse for
 * time per operation, so above 1 is faster whatever the mode. Its error is the two scores' relative errors (JMH's
 * 99.9 % intervals) added in quadrature. A target is <em>met</em> when the ratio less its error reaches it, <em>not
 * met</em> when the ratio plus its error stays below it, and <em>within error</em> in between: on a noisy machine
 * that verdict says "run it again with more forks", not "met".
 *
 * <p>Run it on a finished run's folder: {@code java -cp benchmarks.jar dev.groundwork.benchmarks.suite.Report
 * <folder> <README.md>}.
 */
public final class Report {

    /** One benchmark's score for one set of parameters. */
    record Result(
            String benchmark,
            Map<String, String> params,
            double score,
            double error,
            String unit,
            boolean higherIsBetter,
            double allocBytes) {

        double relativeError() {
            return Double.isNaN(error) || score == 0 ? Double.NaN : error / score;
        }
    }

    /** Groundwork's ratio against one peer. */
    record Ratio(double value, double error) {
        static Ratio of(Result groundwork, Result peer) {
            double value =
                    groundwork.higherIsBetter() ? groundwork.score() / peer.score() : peer.score() / groundwork.score();
            double a = groundwork.relativeError();
            double b = peer.relativeError();
            return new Ratio(value, value * Math.sqrt(a * a + b * b));
        }

        /** A target's verdict: met beyond the error, missed beyond it, or within it. */
        String verdict(double target) {
            if (Double.isNaN(error)) {
                return value >= target ? "met (no error estimate)" : "not met (no error estimate)";
            }
            if (value - error >= target) {
                return "met";
            }
            if (value + error < target) {
                return "**not met**";
            }
            return "within error";
        }
    }

    /** One line of the summary and the chart: an area's target row. */
    record Line(String label, Ratio ratio, double target, String verdict) {}

    /** A benchmark an area needs that the run did not produce. */
    public static final class MissingResultException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingResultException(String message) {
            super(message);
        }
    }

    /** The name of {@code -prof gc}'s bytes per operation. */
    static final String ALLOCATION = "gc.alloc.rate.norm";

    /** The same before JMH 1.37, with a leading {@code ·}. */
    static final String OLD_ALLOCATION = "·" + ALLOCATION;

    private final List<Result> results;
    private final List<Area> areas;
    private final Map<String, String> environment;
    private final List<Line> lines = new ArrayList<>();

    Report(List<Result> results, List<Area> areas, Map<String, String> environment) {
        this.results = List.copyOf(results);
        this.areas = List.copyOf(areas);
        this.environment = new LinkedHashMap<>(environment);
    }

    /**
     * Writes {@code report.md} and {@code ratios.svg} into a run's folder, from its {@code jmh.json} and
     * {@code environment.properties}.
     *
     * @param args the run's folder and the README with the targets
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Report <run folder> <benchmarks/README.md>");
            System.exit(2);
        }
        write(Path.of(args[0]), Area.fromReadme(Path.of(args[1])));
    }

    /**
     * Writes the report of a run folder for the areas it ran: an area none of whose benchmarks ran is left out (a
     * filtered run); an area with some but not all of them fails.
     *
     * @param folder the run's folder, with {@code jmh.json}
     * @param areas the areas to report
     * @return the report's Markdown
     * @throws IOException when a file cannot be read or written
     * @throws MissingResultException when an area's benchmark or peer has no result
     */
    public static String write(Path folder, List<Area> areas) throws IOException {
        List<Result> results = read(folder.resolve("jmh.json"));
        Map<String, String> environment = new LinkedHashMap<>();
        Path properties = folder.resolve("environment.properties");
        if (Files.exists(properties)) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(properties)) {
                p.load(in);
            }
            for (String key : List.of("date", "JDK", "machine", "settings", "took")) {
                if (p.getProperty(key) != null) {
                    environment.put(key, p.getProperty(key));
                }
            }
        }
        Set<String> ran = new LinkedHashSet<>();
        results.forEach(r -> ran.add(r.benchmark()));
        List<Area> reported = areas.stream()
                .filter(area -> area.benchmarks().stream().anyMatch(ran::contains))
                .toList();
        Report report = new Report(results, reported, environment);
        String markdown =
                report.markdown(Files.exists(folder.resolve(Profiles.FOLDER).resolve(Profiles.SUMMARY)));
        Files.writeString(folder.resolve("report.md"), markdown);
        Files.writeString(folder.resolve("ratios.svg"), report.svg());
        return markdown;
    }

    /**
     * The results in a JMH JSON file, with the benchmark named {@code Class.method} and the allocation per
     * operation when the run had {@code -prof gc}.
     *
     * @param json the file
     * @return the results
     * @throws IOException when the file cannot be read
     */
    static List<Result> read(Path json) throws IOException {
        List<Result> results = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(json.toFile())) {
            String full = node.path("benchmark").asText();
            String[] parts = full.split("\\.");
            String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
            Map<String, String> params = new TreeMap<>();
            node.path("params")
                    .fields()
                    .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode metric = node.path("primaryMetric");
            String mode = node.path("mode").asText();
            JsonNode alloc = node.path("secondaryMetrics").path(ALLOCATION);
            if (alloc.isMissingNode()) {
                alloc = node.path("secondaryMetrics").path(OLD_ALLOCATION);
            }
            results.add(new Result(
                    name,
                    params,
                    metric.path("score").asDouble(),
                    number(metric.path("scoreError")),
                    metric.path("scoreUnit").asText(),
                    mode.equals("thrpt"),
                    alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
        }
        return results;
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN; // JMH writes "NaN" as a string
    }

    private Result find(String benchmark, Map<String, String> params, Area area) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.params().equals(params))
                .findFirst()
                .orElseThrow(() -> new MissingResultException("area " + area.name() + ": no result for " + benchmark
                        + (params.isEmpty() ? "" : " " + params) + " (did it fail, or was it filtered out?)"));
    }

    String markdown(boolean profiled) {
        StringBuilder out = new StringBuilder();
        out.append("# Groundwork beside its peers\n\n");
        out.append("Generated by `benchmarks/run.sh` from this run's `jmh.json`; targets from `benchmarks/README.md`.")
                .append(" Ratio = Groundwork's speed ÷ the peer's (above 1 is faster), ± the scores' 99.9 % errors")
                .append(" in quadrature. Verdict: *met* if the ratio less its error reaches the target, *not met*")
                .append(" if the ratio plus its error stays below it, else *within error*.\n\n");
        if (!environment.isEmpty()) {
            environment.forEach(
                    (k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
            out.append('\n');
        }
        StringBuilder sections = new StringBuilder();
        for (Area area : areas) {
            section(area, sections);
        }
        out.append("## Summary\n\n");
        out.append("![Groundwork's ratio against the peer of each target](ratios.svg)\n\n");
        out.append("| area | against | ratio | target | verdict |\n|---|---|---|---|---|\n");
        for (Line line : lines) {
            out.append("| ")
                    .append(line.label().replace(" vs ", " | "))
                    .append(" | ")
                    .append(ratio(line.ratio()))
                    .append(" | ")
                    .append(Double.isNaN(line.target()) ? "—" : "≥ " + target(line.target()))
                    .append(" | ")
                    .append(line.verdict())
                    .append(" |\n");
        }
        if (profiled) {
            String link = Profiles.FOLDER + "/" + Profiles.SUMMARY;
            out.append("\nWhere the time goes (a separate `run.sh --profile` run of the same areas, one fork each with")
                    .append(" async-profiler): [")
                    .append(link)
                    .append("](")
                    .append(link)
                    .append(").\n");
        }
        out.append('\n').append(sections);
        return out.toString();
    }

    private void section(Area area, StringBuilder out) {
        List<Result> own = results.stream()
                .filter(r -> r.benchmark().equals(area.groundwork()))
                .toList();
        if (own.isEmpty()) {
            throw new MissingResultException("area " + area.name() + ": no result for " + area.groundwork());
        }
        Set<String> paramNames = new LinkedHashSet<>();
        own.forEach(r -> paramNames.addAll(r.params().keySet()));
        Result first = own.get(0);
        out.append("## ").append(area.name()).append("\n\n");
        out.append("Score in ")
                .append(first.unit())
                .append(first.higherIsBetter() ? " (higher is better)" : " (lower is better)")
                .append("; allocation in bytes per operation (`-prof gc`). Target: ")
                .append(targetText(area))
                .append(".\n\n");
        StringBuilder header = new StringBuilder("|");
        paramNames.forEach(p -> header.append(' ').append(p).append(" |"));
        header.append(" benchmark | score | B/op | Groundwork's ratio | target |\n|");
        header.append("---|".repeat(paramNames.size() + 5)).append('\n');
        out.append(header);
        for (Result groundwork : own) {
            Map<String, Result> peers = new LinkedHashMap<>();
            for (String peer : area.peers()) {
                peers.put(peer, find(peer, groundwork.params(), area));
            }
            String targetPeer = targetPeer(area, groundwork, peers);
            boolean applies = !Double.isNaN(area.target()) && area.targetApplies(groundwork.params());
            row(out, paramNames, groundwork, "**" + method(area.groundwork()) + "**", "—", "");
            for (Map.Entry<String, Result> peer : peers.entrySet()) {
                Ratio ratio = Ratio.of(groundwork, peer.getValue());
                String target = "";
                if (peer.getKey().equals(targetPeer)) {
                    String verdict = applies ? ratio.verdict(area.target()) : "—";
                    target = applies ? "≥ " + target(area.target()) + ": " + verdict : "";
                    String label = area.name() + paramLabel(groundwork.params()) + " vs " + method(peer.getKey());
                    lines.add(new Line(label, ratio, applies ? area.target() : Double.NaN, verdict));
                }
                row(out, paramNames, peer.getValue(), method(peer.getKey()), ratio(ratio), target);
            }
        }
        out.append('\n');
    }

    /** The peer the area's target is measured against in a row: the named one, or the fastest in that row. */
    private static String targetPeer(Area area, Result groundwork, Map<String, Result> peers) {
        if (!area.against().equals("fastest")) {
            return area.against().equals("—") ? area.peers().get(0) : area.against();
        }
        String fastest = null;
        double best = Double.NaN;
        for (Map.Entry<String, Result> peer : peers.entrySet()) {
            double speed = groundwork.higherIsBetter()
                    ? peer.getValue().score()
                    : 1 / peer.getValue().score();
            if (fastest == null || speed > best) {
                fastest = peer.getKey();
                best = speed;
            }
        }
        return Objects.requireNonNull(fastest);
    }

    private static void row(
            StringBuilder out, Set<String> paramNames, Result result, String name, String ratio, String target) {
        out.append('|');
        paramNames.forEach(
                p -> out.append(' ').append(result.params().getOrDefault(p, "")).append(" |"));
        out.append(' ')
                .append(name)
                .append(" | ")
                .append(score(result.score(), result.error()))
                .append(" | ")
                .append(
                        Double.isNaN(result.allocBytes())
                                ? "—"
                                : String.format(Locale.ROOT, "%,.0f", result.allocBytes()))
                .append(" | ")
                .append(ratio)
                .append(" | ")
                .append(target)
                .append(" |\n");
    }

    private static String targetText(Area area) {
        if (Double.isNaN(area.target())) {
            return "none (measured for reference)";
        }
        String against = area.against().equals("fastest") ? "the fastest peer" : "`" + method(area.against()) + "`";
        String where = area.where().isEmpty()
                ? ""
                : " where "
                        + area.where().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(java.util.stream.Collectors.joining(", "));
        return "Groundwork ≥ " + target(area.target()) + "× " + against + where;
    }

    private static String paramLabel(Map<String, String> params) {
        return params.isEmpty() ? "" : " " + String.join(" ", params.values());
    }

    private static String method(String benchmark) {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    private static String score(double score, double error) {
        return Double.isNaN(error) ? fmt(score) : fmt(score) + " ± " + fmt(error, decimals(score));
    }

    private static String ratio(Ratio ratio) {
        return Double.isNaN(ratio.error())
                ? fmt(ratio.value()) + "×"
                : fmt(ratio.value()) + " ± " + fmt(ratio.error(), decimals(ratio.value())) + "×";
    }

    /** A target as the README gives it: 1.2, 0.83, 100. */
    private static String target(double target) {
        return java.math.BigDecimal.valueOf(target).stripTrailingZeros().toPlainString();
    }

    /** Three significant digits, no exponent. */
    static String fmt(double value) {
        return fmt(value, decimals(value));
    }

    private static String fmt(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static int decimals(double value) {
        double magnitude = Math.abs(value);
        return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.1 ? 3 : 4;
    }

    /** The summary's ratios on a logarithmic axis: a bar from 1× to the ratio, its error, the target's mark. */
    String svg() {
        int labelWidth = 330;
        int chartWidth = 520;
        int rowHeight = 22;
        int top = 40;
        double low = 0.25;
        double high = 4;
        for (Line line : lines) {
            low = Math.min(low, (line.ratio().value() - safe(line.ratio().error())) / 1.5);
            high = Math.max(high, (line.ratio().value() + safe(line.ratio().error())) * 1.5);
            if (!Double.isNaN(line.target())) {
                low = Math.min(low, line.target() / 1.5);
                high = Math.max(high, line.target() * 1.5);
            }
        }
        low = Math.pow(10, Math.floor(Math.log10(Math.max(low, 1e-3))));
        high = Math.pow(10, Math.ceil(Math.log10(high)));
        int height = top + rowHeight * lines.size() + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(labelWidth + chartWidth + 60)
                .append("\" height=\"")
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\">Groundwork's speed ÷ the peer's (log scale);")
                .append(" green met, red not met, grey within error or no target; | target</text>\n");
        for (double tick = low; tick <= high * 1.0001; tick *= 10) {
            double x = x(tick, low, high, labelWidth, chartWidth);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                    x,
                    top - 5,
                    x,
                    top + rowHeight * lines.size(),
                    tick == 1 ? "#000" : "#ccc"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s×</text>%n",
                    x,
                    top + rowHeight * lines.size() + 15,
                    fmt(tick)));
        }
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            int y = top + i * rowHeight;
            double one = x(1, low, high, labelWidth, chartWidth);
            double end = x(line.ratio().value(), low, high, labelWidth, chartWidth);
            String colour = line.verdict().startsWith("met")
                    ? "#2e7d32"
                    : line.verdict().contains("not met") ? "#c62828" : "#9e9e9e";
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    labelWidth - 8,
                    y + 15,
                    escape(line.label())));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>%n",
                    Math.min(one, end),
                    y + 4,
                    Math.max(1, Math.abs(end - one)),
                    colour));
            if (!Double.isNaN(line.ratio().error())) {
                double from = x(
                        Math.max(line.ratio().value() - line.ratio().error(), low), low, high, labelWidth, chartWidth);
                double to = x(line.ratio().value() + line.ratio().error(), low, high, labelWidth, chartWidth);
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>%n",
                        from,
                        y + 11,
                        to,
                        y + 11));
            }
            if (!Double.isNaN(line.target())) {
                double t = x(line.target(), low, high, labelWidth, chartWidth);
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1565c0\" stroke-width=\"3\"/>%n",
                        t,
                        y + 1,
                        t,
                        y + 21));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double safe(double error) {
        return Double.isNaN(error) ? 0 : error;
    }

    private static double x(double ratio, double low, double high, int left, int width) {
        double clamped = Math.max(low, Math.min(high, ratio));
        return left + width * (Math.log(clamped / low) / Math.log(high / low));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
