package dev.groundwork.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@link GroundworkRules} against the module being built. It lives in build-support's main sources and runs
 * in every module that lists build-support in Surefire's {@code dependenciesToScan}; the module's output
 * directory arrives as the system property {@code groundwork.classes}.
 */
class ModuleRulesTest {

    @TestFactory
    List<DynamicTest> moduleLivesByGroundworkRules() {
        CompiledModule module = CompiledModule.at(Path.of(System.getProperty("groundwork.classes", "target/classes")));
        Optional<ModuleDescriptor> descriptor = module.descriptor();
        List<ArchRule> rules =
                descriptor.isPresent() ? GroundworkRules.libraryRules(module) : GroundworkRules.consumerRules(module);

        List<DynamicTest> tests = new ArrayList<>();
        descriptor.ifPresent(d -> tests.add(DynamicTest.dynamicTest(
                "module descriptor of " + d.name(),
                () -> assertThat(GroundworkRules.descriptorViolations(d, module.nullMarked()))
                        .as("module-info problems")
                        .isEmpty())));
        descriptor.ifPresent(d -> tests.add(DynamicTest.dynamicTest(
                "javadoc of " + d.name() + " is built once it has public classes",
                () -> assertThat(GroundworkRules.javadocSkipProblem(
                                module, Boolean.getBoolean("groundwork.javadoc.skip")))
                        .as("javadoc")
                        .isEmpty())));
        for (ArchRule rule : rules) {
            tests.add(DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(module.classes())));
        }
        Path testClasses = Path.of(System.getProperty("groundwork.testClasses", "target/test-classes"));
        if (Files.isDirectory(testClasses)) {
            ArchRule noSleep = GroundworkRules.testsDoNotSleep();
            tests.add(DynamicTest.dynamicTest(
                    "tests: " + noSleep.getDescription(),
                    () -> noSleep.check(new ClassFileImporter().importPath(testClasses))));
        }
        return tests;
    }
}
