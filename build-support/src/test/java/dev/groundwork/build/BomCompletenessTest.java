package dev.groundwork.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.build.BomCheck.BomEntry;
import dev.groundwork.build.BomCheck.ModulePom;
import dev.groundwork.build.BomCheck.Reactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BOM lists every published module and nothing else; this test is what fails the build when it does not. */
class BomCompletenessTest {

    private static Reactor realReactor() throws IOException {
        Path root = Path.of(System.getProperty("groundwork.root", ".."))
                .toAbsolutePath()
                .normalize();
        assertThat(BomCheck.exists(root)).as("bom/pom.xml under %s", root).isTrue();
        return BomCheck.read(root);
    }

    @Test
    void bomListsEveryPublishedModuleAndNothingElse() throws IOException {
        assertThat(BomCheck.problems(realReactor())).isEmpty();
    }

    @Test
    void realReactorHasTheLibraryModulesPublishedAndTheToolingNot() throws IOException {
        Reactor reactor = realReactor();
        assertThat(reactor.modules())
                .filteredOn(ModulePom::published)
                .extracting(ModulePom::folder)
                .contains(
                        "bom",
                        "dependencies",
                        "auth-core",
                        "auth-redis",
                        "cache-core",
                        "cache-redis",
                        "ratelimit-core",
                        "ratelimit-redis",
                        "api-docs",
                        "persistence-kit")
                .doesNotContain("benchmarks", "examples", "build-support");
    }

    @Test
    void moduleLeftOutOfTheRealBomIsReported() throws IOException {
        Reactor withoutRedis = realReactor().withoutBomEntry("groundwork-cache-redis");
        assertThat(BomCheck.problems(withoutRedis))
                .containsExactly("published module groundwork-cache-redis is missing from bom/pom.xml");
    }

    @Test
    void everyKindOfMistakeIsNamed() {
        List<ModulePom> modules = List.of(
                new ModulePom("bom", "groundwork-bom", true, true),
                new ModulePom("dependencies", "groundwork-dependencies", true, true),
                new ModulePom("auth-core", "groundwork-auth-core", true),
                new ModulePom("cache-core", "groundwork-cache", true),
                new ModulePom("examples", "groundwork-examples", false));
        List<BomEntry> entries = new ArrayList<>(List.of(
                new BomEntry("dev.groundwork", "groundwork-auth-core", "0.1.0"),
                new BomEntry("dev.groundwork", "groundwork-auth-core", "${project.version}"),
                new BomEntry("dev.groundwork", "groundwork-examples", "${project.version}"),
                new BomEntry("dev.groundwork", "groundwork-dependencies", "${project.version}"),
                new BomEntry("com.fasterxml.jackson.core", "jackson-databind", "2.22.4")));
        assertThat(BomCheck.problems(new Reactor("0.2.0-SNAPSHOT", modules, "0.1.0-SNAPSHOT", entries)))
                .containsExactly(
                        "bom version 0.1.0-SNAPSHOT differs from the parent's 0.2.0-SNAPSHOT",
                        "module folder cache-core has artifactId groundwork-cache, expected groundwork-cache-core",
                        "bom pins groundwork-auth-core to 0.1.0 instead of ${project.version}",
                        "bom lists groundwork-auth-core more than once",
                        "bom lists groundwork-examples, which is not a published library module",
                        "bom lists groundwork-dependencies, which is not a published library module",
                        "bom lists com.fasterxml.jackson.core:jackson-databind, which is not a Groundwork module",
                        "published module groundwork-cache is missing from bom/pom.xml");
    }
}
