package dev.groundwork.benchmarks.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The standard suite: every benchmark the README's targets name, Groundwork's beside its peers, in one JMH run each
 * with {@code -prof gc}, one progress line per benchmark, then {@code jmh.json}, {@code report.md} and
 * {@code ratios.svg} in the output folder. A benchmark that throws, or an area left without a result, fails the
 * command (exit 1) before any report is written.
 *
 * <pre>
 * benchmarks/run.sh                 the standard suite (about 23 minutes on 2 cores), into benchmarks/results/latest
 * benchmarks/run.sh --quick         one parameter set per benchmark, short iterations (under 3 minutes)
 * benchmarks/run.sh --smoke         the rate-limit area with single 100 ms iterations: the harness works (CI)
 * benchmarks/run.sh --only 'jwt.*'  the areas whose name matches
 * benchmarks/run.sh --list          the areas and their benchmarks
 * benchmarks/run.sh --profile --only 'keyset-criteria'
 *                                   one fork of each with async-profiler: flame graphs and profiles.md
 * </pre>
 */
public final class Suite {

    /** How long and how often each benchmark runs. */
    enum Mode {
        STANDARD(2, 2, 1_000, 4, 1_000),
        QUICK(1, 1, 200, 2, 200),
        SMOKE(1, 1, 100, 1, 100);

        final int forks;
        final int warmups;
        final int warmupMillis;
        final int iterations;
        final int iterationMillis;

        Mode(int forks, int warmups, int warmupMillis, int iterations, int iterationMillis) {
            this.forks = forks;
            this.warmups = warmups;
            this.warmupMillis = warmupMillis;
            this.iterations = iterations;
            this.iterationMillis = iterationMillis;
        }

        String describe() {
            String text = String.format(
                    Locale.ROOT,
                    "%s: %d fork(s), %d × %d ms warm-up, %d × %d ms measured, 1 thread, -prof gc",
                    name().toLowerCase(Locale.ROOT),
                    forks,
                    warmups,
                    warmupMillis,
                    iterations,
                    iterationMillis);
            if (this == STANDARD) {
                StringBuilder sb = new StringBuilder(text);
                new TreeMap<>(STANDARD_TUNING)
                        .forEach((benchmark, tuning) -> sb.append(String.format(
                                Locale.ROOT,
                                "; %s: %d fork(s), %d × %d ms warm-up, %d measured%s",
                                benchmark,
                                tuning.forks(),
                                tuning.warmups(),
                                warmupMillis,
                                tuning.iterations(),
                                tuning.params().isEmpty() ? "" : ", " + tuning.params())));
                return sb.toString();
            }
            return text;
        }
    }

    /**
     * A benchmark's own standard settings.
     *
     * @param forks forks
     * @param warmups warm-up iterations
     * @param iterations measured iterations
     * @param params parameter values, each a comma-separated list
     */
    record Tuning(int forks, int warmups, int iterations, Map<String, String> params) {}

    /**
     * Benchmarks the standard run gives more than the defaults, by {@code Class.method} or by {@code Class} (the
     * method's entry wins), each for a reason seen in a run's iterations:
     *
     * <ul>
     *   <li>The keyset pages run Hibernate's query and result code, which C2 needs about 8 seconds of 1-second
     *       iterations to settle on 2 cores (a page's time fell from 530 to 210-290 µs over the first 10
     *       iterations, the hand-written SQL's in 3); with 2 seconds the ratios carried the warm-up as bias and
     *       ±40-60 % errors. Three depths (the first page, a shallow one, the end of the table) pay for it: keyset
     *       time is flat with depth, and 100 000 added nothing the others show.
     *   <li>A whole OpenAPI document takes 13-30 ms, and its time was still falling at the last of 6 iterations
     *       (23 to 13 ms for api-docs, 32 to 25 ms for victools). swagger-core's takes 5 s, each iteration one
     *       call, flat from the first: it keeps the defaults.
     *   <li>A cache hit is 35-40 ns, and whole forks differed by 5-8 % (placement on the 2 cores): a third fork.
     * </ul>
     */
    static final Map<String, Tuning> STANDARD_TUNING = Map.of(
            "KeysetPaginationBenchmark", new Tuning(2, 8, 5, Map.of("depth", "0,10000,999950")),
            "OpenApiBenchmark", new Tuning(2, 8, 4, Map.of()),
            "OpenApiBenchmark.swaggerCore", new Tuning(2, 2, 4, Map.of()),
            "CacheBenchmark", new Tuning(3, 2, 4, Map.of()));

    /** In the quick and smoke runs, one value of these benchmarks' parameters (the others keep all of theirs). */
    static final Map<String, Map<String, String>> QUICK_PARAMS = Map.of(
            "JwtVerifyBenchmark", Map.of("algorithm", "HS256"),
            "RateLimitBenchmark", Map.of("scenario", "admit"),
            "RedisRateLimitBenchmark", Map.of("keys", "1"),
            "KeysetPaginationBenchmark", Map.of("depth", "10000"));

    private static final String PACKAGE = "dev.groundwork.benchmarks.";

    private Suite() {}

    /**
     * Runs the suite.
     *
     * @param args {@code [--quick | --smoke] [--only regex] [--out folder] [--readme file] [--list]}
     * @throws Exception when a file cannot be written; benchmark failures exit with status 1
     */
    public static void main(String[] args) throws Exception {
        Mode mode = Mode.STANDARD;
        String only = null;
        Path out = null;
        Path readme = Path.of("benchmarks", "README.md");
        boolean list = false;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = Mode.QUICK;
                case "--smoke" -> mode = Mode.SMOKE;
                case "--only" -> only = value(args, ++i);
                case "--out" -> out = Path.of(value(args, ++i));
                case "--readme" -> readme = Path.of(value(args, ++i));
                case "--list" -> list = true;
                case "--profile" -> profile = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        List<Area> areas = Area.fromReadme(readme);
        if (mode == Mode.SMOKE && only == null) {
            only = "ratelimit";
        }
        if (only != null) {
            Pattern pattern = Pattern.compile(only);
            areas = areas.stream()
                    .filter(area -> pattern.matcher(area.name()).matches())
                    .toList();
            if (areas.isEmpty()) {
                usage("no area matches " + only);
            }
        }
        if (list) {
            areas.forEach(area -> System.out.println(area.name() + ": " + String.join(", ", area.benchmarks())));
            return;
        }
        if (out == null) {
            out = mode == Mode.STANDARD && only == null && !profile
                    ? Path.of("benchmarks", "results", "latest")
                    : Path.of(
                            "benchmarks",
                            "target",
                            "suite-" + mode.name().toLowerCase(Locale.ROOT) + (profile ? "-profile" : ""));
        }
        System.exit(run(mode, areas, out, profile));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: run.sh [--quick | --smoke] [--profile] [--only regex] [--out folder] [--readme file] [--list]");
        System.exit(2);
    }

    /**
     * Runs the areas' benchmarks and writes the results and the report; or, when profiling, one fork of each with
     * async-profiler instead of {@code -prof gc}, and {@code profiles/profiles.md} instead of the report (a profiled
     * run's scores carry the profiler's cost, so they make no report).
     *
     * @return the exit status: 0, or 1 when a benchmark failed or an area lacks a result
     */
    static int run(Mode mode, List<Area> areas, Path out, boolean profile) throws IOException {
        Set<String> benchmarks = new LinkedHashSet<>();
        areas.forEach(area -> benchmarks.addAll(area.benchmarks()));
        System.out.printf(
                "Groundwork benchmarks, %s%s; %d benchmarks in %d areas; results in %s%n",
                mode.describe(),
                profile ? "; profiled: 1 fork, async-profiler instead of -prof gc" : "",
                benchmarks.size(),
                areas.size(),
                out);
        Instant started = Instant.now();
        List<RunResult> all = new ArrayList<>();
        int done = 0;
        Files.createDirectories(out);
        // JMH's own output and the forks' (their logging included) go to jmh.log; the console gets one line each.
        try (PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("jmh.log")), true, "UTF-8")) {
            OutputFormat format = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
            for (String benchmark : benchmarks) {
                Instant before = Instant.now();
                Collection<RunResult> results;
                // JMH drains the forks' output into System.out and System.err: into the log while it runs.
                PrintStream console = System.out;
                PrintStream errors = System.err;
                System.setOut(log);
                System.setErr(log);
                try {
                    ChainedOptionsBuilder options = options(mode, benchmark, !profile);
                    if (profile) {
                        options.forks(1);
                        Profiles.add(options, out);
                    }
                    results = new Runner(options.build(), format).run();
                } catch (RunnerException | RuntimeException e) {
                    console.printf("FAILED: %s: %s (details in %s)%n", benchmark, e, out.resolve("jmh.log"));
                    return 1;
                } finally {
                    System.setOut(console);
                    System.setErr(errors);
                }
                if (results.isEmpty()) {
                    System.out.printf("FAILED: %s produced no result (no such benchmark?)%n", benchmark);
                    return 1;
                }
                all.addAll(results);
                done++;
                long elapsed = Duration.between(started, Instant.now()).toSeconds();
                long left = elapsed * (benchmarks.size() - done) / done;
                System.out.printf(
                        "[%2d/%d] %-48s %s (%d s; about %d min %02d s left)%n",
                        done,
                        benchmarks.size(),
                        benchmark,
                        summary(results),
                        Duration.between(before, Instant.now()).toSeconds(),
                        left / 60,
                        left % 60);
            }
        }
        if (profile) {
            Profiles.write(out);
            System.out.printf(
                    "done in %d min; profiles: %s%n",
                    Duration.between(started, Instant.now()).toMinutes(),
                    out.resolve(Profiles.FOLDER).resolve(Profiles.SUMMARY));
            return 0;
        }
        try (PrintStream json = new PrintStream(Files.newOutputStream(out.resolve("jmh.json")), false, "UTF-8")) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(all);
        }
        writeEnvironment(out, mode, Duration.between(started, Instant.now()));
        try {
            Report.write(out, areas);
        } catch (Report.MissingResultException e) {
            System.out.println("FAILED: " + e.getMessage());
            return 1;
        }
        System.out.printf(
                "done in %d min; report: %s%n",
                Duration.between(started, Instant.now()).toMinutes(), out.resolve("report.md"));
        return 0;
    }

    private static ChainedOptionsBuilder options(Mode mode, String benchmark, boolean allocation) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(PACKAGE + benchmark) + "$")
                .forks(mode.forks)
                .warmupIterations(mode.warmups)
                .warmupTime(TimeValue.milliseconds(mode.warmupMillis))
                .measurementIterations(mode.iterations)
                .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
                .threads(1)
                .shouldFailOnError(true)
                // SLF4J's "no provider" notice from peers that log through it (Redisson, embedded-redis).
                .jvmArgsAppend("-Dslf4j.internal.verbosity=ERROR");
        if (allocation) {
            options.addProfiler(GCProfiler.class);
        }
        String benchmarkClass = benchmark.substring(0, benchmark.indexOf('.'));
        if (mode != Mode.STANDARD) {
            QUICK_PARAMS.getOrDefault(benchmarkClass, Map.of()).forEach(options::param);
        } else {
            Tuning tuning = STANDARD_TUNING.getOrDefault(benchmark, STANDARD_TUNING.get(benchmarkClass));
            if (tuning != null) {
                options.forks(tuning.forks())
                        .warmupIterations(tuning.warmups())
                        .measurementIterations(tuning.iterations());
                tuning.params().forEach((name, values) -> options.param(name, values.split(",")));
            }
        }
        return options;
    }

    /** Each parameter set's score, error and allocation, for the progress line. */
    private static String summary(Collection<RunResult> results) {
        List<String> parts = new ArrayList<>();
        for (RunResult run : results) {
            BenchmarkResult aggregated = run.getAggregatedResult();
            Result<?> primary = aggregated.getPrimaryResult();
            StringBuilder part = new StringBuilder();
            run.getParams()
                    .getParamsKeys()
                    .forEach(key -> part.append(run.getParams().getParam(key)).append(' '));
            part.append(Report.fmt(primary.getScore()));
            if (!Double.isNaN(primary.getScoreError())) {
                part.append(" ± ").append(Report.fmt(primary.getScoreError()));
            }
            part.append(' ').append(primary.getScoreUnit());
            Result<?> alloc = aggregated.getSecondaryResults().get(Report.ALLOCATION);
            if (alloc == null) {
                alloc = aggregated.getSecondaryResults().get(Report.OLD_ALLOCATION);
            }
            if (alloc != null) {
                part.append(String.format(Locale.ROOT, ", %,.0f B/op", alloc.getScore()));
            }
            parts.add(part.toString());
        }
        return String.join("; ", parts);
    }

    private static void writeEnvironment(Path out, Mode mode, Duration took) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        environment.put(
                "JDK",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"));
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        environment.put(
                "machine",
                String.format(
                        Locale.ROOT,
                        "%d cores, %.1f GiB, %s %s",
                        Runtime.getRuntime().availableProcessors(),
                        memory / (1024.0 * 1024 * 1024),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch")));
        environment.put("settings", mode.describe());
        environment.put("took", took.toMinutes() + " min " + took.toSecondsPart() + " s");
        Properties properties = new Properties();
        properties.putAll(environment);
        try (var writer = Files.newBufferedWriter(out.resolve("environment.properties"))) {
            properties.store(writer, "the machine and settings of this run");
        }
    }
}
