package dev.groundwork.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's targets table: every row readable, every benchmark it names a real one, bad rows refused. */
class AreaTest {

    @TempDir
    Path folder;

    /** {@code Class.method} of every benchmark JMH's annotation processor found in this module. */
    private static Set<String> compiledBenchmarks() throws IOException {
        try (InputStream list = Objects.requireNonNull(
                AreaTest.class.getResourceAsStream("/META-INF/BenchmarkList"), "JMH's benchmark list")) {
            return new String(list.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    // JMH S <n> <class> S <n> <generated class> S <n> <method> ...
                    .map(line -> line.replaceAll(
                            "^JMH S \\d+ dev\\.groundwork\\.benchmarks\\.(\\w+) S \\d+ \\S+ S \\d+ (\\w+) .*$",
                            "$1.$2"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void theReadmeTableNamesOnlyBenchmarksThatExist() throws IOException {
        List<Area> areas = Area.fromReadme(Path.of("README.md"));
        assertThat(areas).extracting(Area::name).doesNotHaveDuplicates().contains("jwt-verify", "keyset-criteria");
        Set<String> compiled = compiledBenchmarks();
        assertThat(compiled).contains("JwtVerifyBenchmark.groundwork");
        for (Area area : areas) {
            assertThat(compiled).as(area.name()).containsAll(area.benchmarks());
        }
        Area offset = areas.stream()
                .filter(a -> a.name().equals("keyset-vs-offset"))
                .findFirst()
                .orElseThrow();
        assertThat(offset.target()).isEqualTo(100);
        assertThat(offset.where()).containsExactly(Map.entry("depth", "999950"));
        assertThat(offset.targetApplies(Map.of("depth", "999950"))).isTrue();
        assertThat(offset.targetApplies(Map.of("depth", "0"))).isFalse();
        assertThat(areas.stream()
                        .filter(a -> a.name().equals("cache-load"))
                        .findFirst()
                        .orElseThrow()
                        .target())
                .isNaN();
    }

    @Test
    void badRowsAreRefusedWithTheirPlace() {
        assertThatThrownBy(() -> Area.parse("| a | `X.g` | `X.p` | ≥ 1 | fastest |", "README.md:9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("README.md:9")
                .hasMessageContaining("6 cells");
        assertThatThrownBy(() -> Area.parse("| a | `X.g` | `X.p` | ≥ 1 | `X.q` | |", "here"))
                .hasMessageContaining("not one of [X.p]");
        assertThatThrownBy(() -> Area.parse("| a | `X.g` | | ≥ 1 | fastest | |", "here"))
                .hasMessageContaining("peers");
        assertThatThrownBy(() -> Area.parse("| a | `X.g` | `X.p` | ≥ 1 | fastest | `depth` |", "here"))
                .hasMessageContaining("name=value");
        assertThatThrownBy(() -> Area.parse("| a | `X.g` | `X.p` | fast | fastest | |", "here"))
                .isInstanceOf(NumberFormatException.class);
    }

    @Test
    void aReadmeWithoutTheTableIsRefused() throws IOException {
        Path readme = Files.writeString(folder.resolve("README.md"), "# nothing\n\n## Targets\n\nnone yet\n");
        assertThatThrownBy(() -> Area.fromReadme(readme)).hasMessageContaining("no rows");
        Path none = Files.writeString(folder.resolve("OTHER.md"), "# nothing\n");
        assertThatThrownBy(() -> Area.fromReadme(none)).hasMessageContaining("no '## Targets' section");
    }
}
