package dev.groundwork.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README checker holds printed code to the tests, and fails on every kind of drift. */
class ReadmeSnippetsTest {
    @TempDir
    Path dir;

    private static final String TEST = """
            class QuickstartTest {
                void run() {
                    int answer = 42;

                    Widget widget = Widget.builder()
                            .size(3)
                            .build();
                }
            }
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void acceptsBlocksPrintedVerbatimAtAnyIndentation() throws IOException {
        Path readme = write("README.md", """
                # Widgets
                ```java
                Widget widget = Widget.builder()
                        .size(3)
                        .build();
                ```
                ```java aside
                var widget = anything(); // not checked
                ```
                ```xml
                <not-java/>
                ```
                """);
        assertThat(ReadmeSnippets.assertPrinted(readme, write("QuickstartTest.java", TEST)))
                .isEqualTo(1);
    }

    @Test
    void taggedBlocksAreCheckedOnlyAgainstTheirOwnHolder() throws IOException {
        Path readme = write("README.md", """
                ```java
                int answer = 42;
                ```
                ```java spring-boot
                Widget widget = Widget.builder()
                        .size(3)
                        .build();
                ```
                """);
        Path quickstart = write("QuickstartTest.java", "class QuickstartTest {\n    int answer = 42;\n}\n");
        Path application = write("Application.java", TEST);
        assertThat(ReadmeSnippets.assertPrinted(readme, quickstart)).isEqualTo(1);
        assertThat(ReadmeSnippets.assertPrinted(readme, "spring-boot", application))
                .isEqualTo(1);
        assertThatThrownBy(() -> ReadmeSnippets.assertPrinted(readme, "spring-boot", quickstart))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the block at line 4 is not printed verbatim");
        assertThatThrownBy(() -> ReadmeSnippets.assertPrinted(readme, "micronaut", application))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("has no ```java micronaut block");
    }

    @Test
    void refusesARenamedVariableAnAddedLineAndAChangedIndentation() throws IOException {
        Path source = write("QuickstartTest.java", TEST);
        for (String block : new String[] {
            "Widget w = Widget.builder()\n        .size(3)\n        .build();",
            "Widget widget = Widget.builder()\n        .size(3)\n        .color(1)\n        .build();",
            "Widget widget = Widget.builder()\n    .size(3)\n    .build();"
        }) {
            Path readme = write("README.md", "```java\n" + block + "\n```\n");
            assertThatThrownBy(() -> ReadmeSnippets.assertPrinted(readme, source))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("not printed verbatim");
        }
        Path empty = write("EMPTY.md", "no code here\n");
        assertThatThrownBy(() -> ReadmeSnippets.assertPrinted(empty, source)).isInstanceOf(AssertionError.class);
    }

    @Test
    void theTestClockMovesOnlyWhenTold() {
        TestClock clock = TestClock.at(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(clock.advance(Duration.ofMinutes(6))).isEqualTo(Instant.parse("2026-11-22T12:06:00Z"));
        assertThat(clock.advanceNanos(1_000)).isEqualTo(Instant.parse("2026-11-22T12:06:00.000001Z"));
        clock.set(Instant.EPOCH);
        assertThat(clock.millis()).isZero();
        assertThat(clock.withZone(java.time.ZoneId.of("Europe/Paris"))).isSameAs(clock);
    }
}
