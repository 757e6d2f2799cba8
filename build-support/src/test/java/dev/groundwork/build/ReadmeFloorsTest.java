package dev.groundwork.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The oldest versions the READMEs promise ("Caffeine 3.1.8 or newer", the root README's "oldest supported" column)
 * are the versions the floor run tests: the {@code floor} profile of {@code dependencies/pom.xml}.
 */
class ReadmeFloorsTest {
    /** How the READMEs name each library, and the property that holds its version. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "nimbus-jose-jwt", "nimbus-jose-jwt.version",
            "Caffeine", "caffeine.version",
            "Jackson", "jackson.version",
            "Lettuce", "lettuce.version",
            "resilience4j", "resilience4j.version",
            "Micrometer", "micrometer.version",
            "Jakarta Persistence", "jakarta-persistence.version",
            "Hibernate ORM", "hibernate.version");

    private static final Pattern PROMISE =
            Pattern.compile("(" + String.join("|", new TreeSet<>(PROPERTIES.keySet())) + ") (\\d[\\w.]*\\w) or newer");

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| ([^|]+?)(?: 2)?(?: \\([^)]*\\))? \\| ([^|]+?) \\|");

    private static Path root() {
        return Path.of(System.getProperty("groundwork.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** The floor profile's versions, by property. */
    static Map<String, String> floors(Path dependenciesPom) throws IOException {
        Element project = BomCheck.parse(dependenciesPom);
        for (Element profile : BomCheck.children(BomCheck.child(project, "profiles"), "profile")) {
            if (BomCheck.text(profile, "id").equals("floor")) {
                Map<String, String> floors = new LinkedHashMap<>();
                for (Element property : BomCheck.elements(BomCheck.child(profile, "properties"))) {
                    floors.put(property.getTagName(), property.getTextContent().trim());
                }
                return floors;
            }
        }
        throw new AssertionError(dependenciesPom + " has no floor profile");
    }

    /** Whether a README's version names the floor: 6.6.0 for 6.6.0.Final, 3.1 for 3.1.0. */
    static boolean names(String readmeVersion, String floor) {
        String bare = floor.replaceFirst("\\.(Final|RELEASE)$", "");
        return bare.equals(readmeVersion) || bare.equals(readmeVersion + ".0");
    }

    /** A README's promises, each as the library's name and the version: its sentences, then its table rows. */
    static List<String[]> promises(String readme) {
        List<String[]> promises = new ArrayList<>();
        Matcher promise = PROMISE.matcher(readme.replaceAll("\\s+", " "));
        while (promise.find()) {
            promises.add(new String[] {promise.group(1), promise.group(2)});
        }
        for (String line : readme.split("\n")) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find() && PROPERTIES.containsKey(row.group(1))) {
                promises.add(new String[] {row.group(1), row.group(2)});
            }
        }
        return promises;
    }

    /** Each mismatch between the promises of a README and the floors. */
    static List<String> mismatches(String readmeName, List<String[]> promises, Map<String, String> floors) {
        List<String> problems = new ArrayList<>();
        for (String[] found : promises) {
            String floor = floors.get(PROPERTIES.get(found[0]));
            if (floor == null || !names(found[1], floor)) {
                problems.add(
                        readmeName + " promises " + found[0] + " " + found[1] + " but the floor run tests " + floor);
            }
        }
        return problems;
    }

    @Test
    void everyPromisedFloorIsTheVersionTheFloorRunTests() throws IOException {
        Path root = root();
        Map<String, String> floors = floors(root.resolve("dependencies/pom.xml"));
        assertThat(floors).containsKeys(PROPERTIES.values().toArray(String[]::new));
        List<String> problems = new ArrayList<>();
        int promises = 0;
        List<Path> readmes;
        try (Stream<Path> modules = Files.list(root)) {
            // The root README, then each module's.
            readmes = Stream.concat(Stream.of(root), modules.sorted())
                    .map(dir -> dir.resolve("README.md"))
                    .filter(Files::isRegularFile)
                    .toList();
        }
        for (Path readme : readmes) {
            List<String[]> found = promises(Files.readString(readme));
            problems.addAll(mismatches(root.relativize(readme).toString(), found, floors));
            promises += found.size();
        }
        assertThat(problems).isEmpty();
        assertThat(promises).as("the READMEs name their floors").isGreaterThanOrEqualTo(20);
    }

    @Test
    void aPromiseThatDriftsFromTheFloorIsNamed() {
        Map<String, String> floors = Map.of("caffeine.version", "3.1.8", "hibernate.version", "6.6.0.Final");
        assertThat(promises("Works with Caffeine\n3.1.8 or newer and Hibernate ORM 6.6.0 or newer."))
                .extracting(promise -> promise[0] + " " + promise[1])
                .containsExactly("Caffeine 3.1.8", "Hibernate ORM 6.6.0");
        assertThat(mismatches(
                        "a/README.md",
                        promises("Works with Caffeine 3.1.8 or newer and Hibernate ORM 6.6.0 or newer."),
                        floors))
                .isEmpty();
        assertThat(mismatches(
                        "a/README.md",
                        promises("Works with Caffeine 3.2.0 or newer; Lettuce 7 needs Netty 4.2."),
                        floors))
                .containsExactly("a/README.md promises Caffeine 3.2.0 but the floor run tests 3.1.8");
        assertThat(mismatches(
                        "README.md", promises("| Caffeine | 3.1.7 | 3.3.1 |\n| Jackson 2 | 2.15.4 | x |"), floors))
                .containsExactly(
                        "README.md promises Caffeine 3.1.7 but the floor run tests 3.1.8",
                        "README.md promises Jackson 2.15.4 but the floor run tests null");
        assertThat(names("3.1", "3.1.0")).isTrue();
        assertThat(names("6.4.2", "6.4.2.RELEASE")).isTrue();
        assertThat(names("6.4", "6.4.2.RELEASE")).isFalse();
    }
}
