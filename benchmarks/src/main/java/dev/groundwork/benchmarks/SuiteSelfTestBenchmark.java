package dev.groundwork.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Not a measurement: the benchmark the suite's own test runs to prove that a benchmark that throws fails the
 * command ({@code SuiteTest}). It is in no area of the README's targets, so the suite never runs it otherwise.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SuiteSelfTestBenchmark {

    /**
     * Always fails.
     *
     * @return never
     */
    @Benchmark
    public int throwsAlways() {
        throw new IllegalStateException("a benchmark that throws");
    }

    /**
     * Does almost nothing, as a peer that works.
     *
     * @return a constant
     */
    @Benchmark
    public int works() {
        return 42;
    }
}
