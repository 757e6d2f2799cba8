package dev.groundwork.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.testing.ReadmeSnippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Javadoc examples of the root package, exactly as printed, compiled and run; the check covers the module. */
class JavadocExamplesTest {

    /** A stand-in for a repository. */
    static final class Repository {
        private final Map<Long, String> names = Map.of(42L, "Ada");

        Optional<String> findName(Long id) {
            return Optional.ofNullable(names.get(id));
        }
    }

    @Test
    void theTestsHoldEveryJavadocExampleOfTheModule() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/cache/JavadocExamplesTest.java"),
                        Path.of("src/test/java/dev/groundwork/cache/http/JavadocExamplesTest.java")))
                .isEqualTo(4);
    }

    @Test
    void theTestsHoldEveryReadmeBlock() {
        assertThat(ReadmeSnippets.assertPrinted(
                        Path.of("README.md"),
                        Path.of("src/test/java/dev/groundwork/cache/JavadocExamplesTest.java"),
                        Path.of("src/test/java/dev/groundwork/cache/http/JavadocExamplesTest.java")))
                .isEqualTo(5);
    }

    @Test
    void loadingCache() {
        Repository repository = new Repository();
        // region LoadingCache
        LoadingCache<Long, String> users = LoadingCache.<Long, String>builder("users")
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .jitter(0.10)
                .staleIfError(Duration.ofMinutes(5))
                .negativeTtl(Duration.ofSeconds(30))
                .loader(id -> repository.findName(id))
                .build();
        Optional<String> name = users.get(42L);
        // endregion
        assertThat(name).contains("Ada");
        assertThat(users.get(7L)).isEmpty();
    }

    @Test
    void micrometerBinding() {
        Repository repository = new Repository();
        MeterRegistry registry = new SimpleMeterRegistry();
        // region Micrometer
        CacheListener metrics = new CacheListener() {
            @Override
            public void onHit(String cache) {
                registry.counter("cache.gets", "cache", cache, "result", "hit").increment();
            }

            @Override
            public void onMiss(String cache) {
                registry.counter("cache.gets", "cache", cache, "result", "miss").increment();
            }

            @Override
            public void onLoad(String cache, long nanos, boolean found) {
                registry.timer("cache.loads", "cache", cache).record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onEviction(String cache) {
                registry.counter("cache.evictions", "cache", cache).increment();
            }
        };
        LoadingCache<Long, String> users = LoadingCache.<Long, String>builder("users")
                .listener(metrics)
                .recordStats()
                .loader(id -> repository.findName(id))
                .build();
        // endregion
        assertThat(users.get(42L)).contains("Ada");
        assertThat(users.get(42L)).contains("Ada");
        assertThat(registry.counter("cache.gets", "cache", "users", "result", "hit")
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.counter("cache.gets", "cache", "users", "result", "miss")
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.timer("cache.loads", "cache", "users").count()).isEqualTo(1);
        CacheStats stats = users.stats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.loads()).isEqualTo(1);
        assertThat(stats.hitRate()).isEqualTo(0.5);
    }
}
