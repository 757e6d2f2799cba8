package dev.groundwork.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Holds README code to the tests that compile and run it: every {@code ```java} block of a README must stand,
 * line for line, in one of the given test sources. Indentation is compared relative to each block's first line,
 * so a block indented inside a test method still matches; anything else (a renamed variable, a line added to
 * make it compile) fails. A block opened with {@code ```java aside} is exempt (for example a Java 21 variant
 * shown beside the Java 17 code that is tested). A block opened with {@code ```java <tag>} is held by code
 * elsewhere, which checks it with {@link #assertPrinted(Path, String, Path...)}: a module README's lines for a
 * framework user, which an application in another module compiles and runs. Stateless; thread-safe.
 */
public final class ReadmeSnippets {
    private ReadmeSnippets() {}

    /**
     * Checks that every Java block of a README is printed code that a test holds.
     *
     * @param readme the README
     * @param testSources the tests that hold its blocks
     * @return how many blocks were checked
     * @throws AssertionError naming the first block no test holds
     */
    public static int assertPrinted(Path readme, Path... testSources) {
        return assertBlocks(readme, "```java", testSources);
    }

    /**
     * Checks that every Java block of a README opened with {@code ```java <tag>} is printed code that the given
     * sources hold.
     *
     * @param readme the README
     * @param tag the word after {@code java} on the blocks' opening line, such as {@code spring-boot}
     * @param sources the code that holds those blocks
     * @return how many blocks were checked
     * @throws AssertionError naming the first block no source holds, or when the README has no such block
     */
    public static int assertPrinted(Path readme, String tag, Path... sources) {
        return assertBlocks(readme, "```java " + tag, sources);
    }

    /** Checks a README's blocks opened by {@code open}, and that it has at least one. */
    private static int assertBlocks(Path readme, String open, Path... sources) {
        int checked = check(readme, UnaryOperator.identity(), open, "```", sources);
        if (checked == 0) {
            throw new AssertionError(readme + " has no " + open + " block to check");
        }
        return checked;
    }

    /**
     * Checks that every Javadoc example ({@code <pre>{@code ...}</pre>}) under a source root stands line for line
     * in one of the given test sources, so the examples a user copies from the API documentation compile.
     *
     * @param sourceRoot the module's {@code src/main/java}
     * @param testSources the tests that hold the examples
     * @return how many examples were checked
     * @throws AssertionError naming the first example no test holds
     */
    public static int assertJavadocPrinted(Path sourceRoot, Path... testSources) {
        List<Path> files;
        try (var walk = Files.walk(sourceRoot)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int checked = 0;
        for (Path file : files) {
            checked += check(file, ReadmeSnippets::javadocText, "<pre>{@code", "}</pre>", testSources);
        }
        return checked;
    }

    /** A Javadoc line without its leading {@code *} and the one space after it. */
    private static String javadocText(String line) {
        String stripped = line.strip();
        String text = stripped.startsWith("*") ? stripped.substring(1) : stripped;
        return text.startsWith(" ") ? text.substring(1) : text;
    }

    /**
     * Finds the blocks of a file between an opening and a closing line (compared after {@code text}) and checks
     * that each stands in one of the test sources; returns how many were checked.
     */
    private static int check(Path file, UnaryOperator<String> text, String open, String close, Path... testSources) {
        List<List<String>> sources = new ArrayList<>();
        for (Path source : testSources) {
            sources.add(lines(source));
        }
        int checked = 0;
        List<String> block = null;
        int startLine = 0;
        List<String> fileLines = lines(file);
        for (int i = 0; i < fileLines.size(); i++) {
            String line = text.apply(fileLines.get(i));
            if (block == null) {
                if (line.strip().equals(open)) {
                    block = new ArrayList<>();
                    startLine = i + 1;
                }
            } else if (line.strip().equals(close)) {
                List<String> expected = normalize(block);
                if (!expected.isEmpty() && sources.stream().noneMatch(source -> contains(source, expected))) {
                    throw new AssertionError(file + ": the block at line " + startLine
                            + " is not printed verbatim in any of " + List.of(testSources)
                            + "; a test must hold the code exactly as the documentation shows it:\n"
                            + String.join("\n", block));
                }
                checked++;
                block = null;
            } else {
                block.add(line);
            }
        }
        return checked;
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines without trailing blanks, empty lines dropped, indentation made relative to the least indented. */
    private static List<String> normalize(List<String> lines) {
        List<String> kept = new ArrayList<>();
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            String trimmed = line.stripTrailing();
            if (!trimmed.isEmpty()) {
                kept.add(trimmed);
                indent = Math.min(
                        indent, trimmed.length() - trimmed.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>(kept.size());
        for (String line : kept) {
            out.add(line.substring(indent));
        }
        return out;
    }

    /** Whether the source holds the block as consecutive non-empty lines, at any one indentation. */
    private static boolean contains(List<String> source, List<String> block) {
        List<String> lines = new ArrayList<>();
        for (String line : source) {
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
        }
        for (int start = 0; start + block.size() <= lines.size(); start++) {
            String first = lines.get(start);
            int indent = first.length() - first.stripLeading().length();
            if (!first.substring(indent).equals(block.get(0))) {
                continue;
            }
            boolean all = true;
            for (int k = 1; k < block.size() && all; k++) {
                String line = lines.get(start + k);
                String expected = block.get(k);
                all = line.length() >= indent
                        && line.substring(0, indent).isBlank()
                        && line.substring(indent).equals(expected);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
