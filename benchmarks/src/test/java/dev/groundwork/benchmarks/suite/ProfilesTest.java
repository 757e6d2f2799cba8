package dev.groundwork.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How collapsed stacks are counted: by leaf method and library, the JVM's own threads left out. */
class ProfilesTest {

    @Test
    void samplesCountByTheirLeafAndItsLibrary() {
        Profiles.Summary summary = Profiles.Summary.of(
                List.of(
                        "java/lang/Thread.run_[j];dev/groundwork/benchmarks/Bench.page_[j];"
                                + "dev/groundwork/benchmarks/Bench.inTransaction_[i];"
                                + "dev/groundwork/persistence/Paginator.keyset_[j];"
                                + "org/hibernate/query/sqm/internal/SqmQueryImpl.doList_[j] 50",
                        "java/lang/Thread.run_[j];dev/groundwork/benchmarks/Bench.page_[j];"
                                + "org/postgresql/core/PGStream.flush_[j];entry_SYSCALL_64_[k] 30",
                        "java/lang/Thread.run_[j];dev/groundwork/benchmarks/Bench.page_[j];"
                                + "dev/groundwork/persistence/CursorCodec.encode_[i] 15",
                        "java/lang/Thread.run_[j];io/netty/channel/nio/NioEventLoop.run_[j];__libc_send 5",
                        // The JIT compiler's and the collector's threads are not the operation's cost.
                        "thread_start;JavaThread::run;CompileBroker::compiler_thread_loop;C2Compiler::compile_method 400",
                        "thread_start;WorkerThread::run;G1EvacuateRegionsTask::work 300",
                        // The trial's set-up runs on the benchmark's thread, outside the method: not the operation's
                        // cost.
                        "java/lang/Thread.run_[j];org/openjdk/jmh/runner/BenchmarkHandler$BenchmarkTask.call_[j];"
                                + "dev/groundwork/benchmarks/jmh_generated/Bench_page_jmhTest.page_AverageTime_[j];"
                                + "dev/groundwork/benchmarks/Bench.setUp_[j] 1000"),
                "dev.groundwork.benchmarks.Bench.page");
        assertThat(summary.total()).isEqualTo(100);
        assertThat(summary.entries())
                .containsExactly(
                        Map.entry("dev.groundwork.persistence.Paginator.keyset", 50L),
                        Map.entry("org.postgresql.core.PGStream.flush", 30L),
                        Map.entry("dev.groundwork.persistence.CursorCodec.encode", 15L),
                        Map.entry(Profiles.Summary.OTHER_THREADS, 5L));
        assertThat(summary.libraries())
                .containsExactly(
                        Map.entry("org.hibernate", 50L),
                        Map.entry("kernel (system calls, network)", 30L),
                        Map.entry("dev.groundwork.persistence", 15L),
                        Map.entry("JVM and native", 5L));
        assertThat(summary.methods().get(0))
                .isEqualTo(Map.entry("org.hibernate.query.sqm.internal.SqmQueryImpl.doList", 50L));
        assertThat(summary.methods().get(1)).isEqualTo(Map.entry("entry_SYSCALL_64 (kernel)", 30L));
    }

    @Test
    void framesOfEveryKindHaveALibrary() {
        assertThat(Profiles.Summary.library("java.util.HashMap.get")).isEqualTo("java.util");
        assertThat(Profiles.Summary.library("dev.groundwork.ratelimit.internal.Gcra.decide"))
                .isEqualTo("dev.groundwork.ratelimit");
        assertThat(Profiles.Summary.library("Foo.bar")).isEqualTo("JVM and native");
        assertThat(Profiles.Summary.library("SharedRuntime::resolve_static_call_C"))
                .isEqualTo("JVM and native");
        assertThat(Profiles.Summary.frame("io/netty/channel/nio/NioEventLoop.run_[j]"))
                .isEqualTo("io.netty.channel.nio.NioEventLoop.run");
        assertThat(Profiles.Summary.frame("[unknown]")).isEqualTo("[unknown]");
    }
}
