package dev.groundwork.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.groundwork.fixtures.alpha.AlphaApi;
import dev.groundwork.fixtures.alpha.LogsWithJul;
import dev.groundwork.fixtures.alpha.OpenForExtension;
import dev.groundwork.fixtures.alpha.PrintsToConsole;
import dev.groundwork.fixtures.alpha.UsesBetaApi;
import dev.groundwork.fixtures.alpha.UsesBetaInternal;
import dev.groundwork.fixtures.alpha.redis.UsesAlphaCore;
import dev.groundwork.fixtures.clean.CleanApi;
import dev.groundwork.fixtures.clean.internal.CleanHelper;
import dev.groundwork.fixtures.cycle.a.First;
import dev.groundwork.fixtures.cycle.b.Second;
import dev.groundwork.fixtures.impl.ImplApi;
import dev.groundwork.fixtures.impl.internal.ImplEngine;
import dev.groundwork.fixtures.impl.internal.left.Left;
import dev.groundwork.fixtures.impl.internal.right.Right;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule fails on a fixture that breaks it, with a message that names the offender, and passes a clean one. */
class GroundworkRulesTest {

    private static CompiledModule module(Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return CompiledModule.of(Optional.empty(), true, imported);
    }

    private static String violations(ArchRule rule, CompiledModule module) {
        EvaluationResult result = rule.evaluate(module.classes());
        assertThat(result.hasViolation())
                .as("rule %s must be violated", rule.getDescription())
                .isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }

    @Test
    void cleanModulePassesEveryLibraryRule() {
        CompiledModule clean = module(
                CleanApi.class, CleanApi.Kind.class, CleanApi.Result.class, CleanApi.Listener.class, CleanHelper.class);
        for (ArchRule rule : GroundworkRules.libraryRules(clean)) {
            rule.check(clean.classes());
        }
        assertThat(GroundworkRules.libraryRules(clean)).hasSize(6);
    }

    @Test
    void packageCycleIsReportedWithBothPackages() {
        CompiledModule cyclic = module(First.class, Second.class);
        String report = violations(GroundworkRules.packagesFreeOfCycles(cyclic.ownPackages()), cyclic);
        assertThat(report).contains("dev.groundwork.fixtures.cycle.a", "dev.groundwork.fixtures.cycle.b");
    }

    @Test
    void apiAndItsOwnInternalImplementationMayReferToEachOther() {
        CompiledModule impl = module(ImplApi.class, ImplEngine.class);
        GroundworkRules.packagesFreeOfCycles(impl.ownPackages()).check(impl.classes());
        assertThat(impl.ownPackages()).hasSize(2);
    }

    @Test
    void cycleBetweenInternalPackagesIsReported() {
        CompiledModule impl = module(ImplApi.class, ImplEngine.class, Left.class, Right.class);
        String report = violations(GroundworkRules.packagesFreeOfCycles(impl.ownPackages()), impl);
        assertThat(report)
                .contains("dev.groundwork.fixtures.impl.internal.left", "dev.groundwork.fixtures.impl.internal.right")
                .doesNotContain("ImplEngine");
    }

    @Test
    void apiPackageOfAnInternalPackageIsEverythingBeforeTheInternalSegment() {
        assertThat(GroundworkRules.apiPackageOf("dev.groundwork.auth.internal")).isEqualTo("dev.groundwork.auth");
        assertThat(GroundworkRules.apiPackageOf("dev.groundwork.auth.internal.jwt"))
                .isEqualTo("dev.groundwork.auth");
        assertThat(GroundworkRules.apiPackageOf("dev.groundwork.auth.internals"))
                .isEqualTo("dev.groundwork.auth.internals");
    }

    @Test
    void checkThrowsWithTheRuleAndItsReason() {
        CompiledModule cyclic = module(First.class, Second.class);
        ArchRule rule = GroundworkRules.packagesFreeOfCycles(cyclic.ownPackages());
        assertThatThrownBy(() -> rule.check(cyclic.classes()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Architecture Violation")
                .hasMessageContaining("a package cycle makes the module impossible to split");
    }

    @Test
    void reachingIntoAnotherModulesInternalPackageIsReported() {
        CompiledModule alpha = module(UsesBetaInternal.class);
        String report = violations(GroundworkRules.internalPackagesStayInside(alpha.ownPackages()), alpha);
        assertThat(report).contains("UsesBetaInternal", "BetaSecret");
    }

    @Test
    void ownInternalPackageIsAllowed() {
        CompiledModule clean = module(CleanApi.class, CleanHelper.class);
        GroundworkRules.internalPackagesStayInside(clean.ownPackages()).check(clean.classes());
        assertThat(clean.ownPackages()).contains("dev.groundwork.fixtures.clean.internal");
    }

    @Test
    void dependingOnAnotherGroundworkModuleIsReported() {
        CompiledModule alpha = module(UsesBetaApi.class);
        String report = violations(GroundworkRules.dependsOnlyOnAllowedModules(alpha.ownPackages(), Set.of()), alpha);
        assertThat(report).contains("UsesBetaApi", "BetaApi");
    }

    @Test
    void redisModuleMayUseItsOwnCoreButNothingElse() {
        CompiledModule redis = module(UsesAlphaCore.class);
        GroundworkRules.dependsOnlyOnAllowedModules(redis.ownPackages(), Set.of("dev.groundwork.fixtures.alpha"))
                .check(redis.classes());
        String report = violations(GroundworkRules.dependsOnlyOnAllowedModules(redis.ownPackages(), Set.of()), redis);
        assertThat(report).contains("UsesAlphaCore", "AlphaApi");
    }

    @Test
    void javaUtilLoggingIsReportedAsALoggingFrameworkImport() {
        CompiledModule alpha = module(LogsWithJul.class, AlphaApi.class);
        String report = violations(GroundworkRules.noFrameworkOrLoggingImports(), alpha);
        assertThat(report).contains("LogsWithJul", "java.util.logging.Logger");
    }

    @Test
    void consoleOutputIsReported() {
        CompiledModule alpha = module(PrintsToConsole.class);
        String report = violations(GroundworkRules.noStandardStreams(), alpha);
        assertThat(report).contains("PrintsToConsole", "System.out");
    }

    @Test
    void aTestThatSleepsIsReportedForEachSleep() {
        CompiledModule sleepy = module(dev.groundwork.fixtures.sleepy.SleepsToWait.class);
        String report = violations(GroundworkRules.testsDoNotSleep(), sleepy);
        assertThat(report).contains("SleepsToWait.waitForServer()", "Thread.sleep(long)", "TimeUnit.sleep(long)");
        GroundworkRules.testsDoNotSleep().check(module(CleanApi.class).classes());
    }

    @Test
    void publicConcreteApiClassThatIsNotFinalIsReported() {
        CompiledModule alpha = module(OpenForExtension.class, AlphaApi.class);
        String report = violations(GroundworkRules.publicApiClassesAreFinal(), alpha);
        assertThat(report).contains("OpenForExtension").doesNotContain("AlphaApi");
    }

    @Test
    void nonFinalClassInInternalPackageIsAllowed() {
        CompiledModule clean = module(CleanHelper.class);
        GroundworkRules.publicApiClassesAreFinal().check(clean.classes());
        assertThat(GroundworkRules.isInternal(CleanHelper.class.getPackageName()))
                .isTrue();
    }

    @Test
    void consumersOnlyGetTheInternalPackageRule() {
        CompiledModule consumer = module(UsesBetaInternal.class, OpenForExtension.class);
        List<ArchRule> rules = GroundworkRules.consumerRules(consumer);
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).evaluate(consumer.classes()).hasViolation()).isTrue();
    }

    @Test
    void wellFormedDescriptorHasNoViolations() {
        ModuleDescriptor descriptor = ModuleDescriptor.newModule("dev.groundwork.cache.redis")
                .requires("dev.groundwork.cache")
                .exports("dev.groundwork.cache.redis")
                .packages(Set.of("dev.groundwork.cache.redis.internal"))
                .build();
        assertThat(GroundworkRules.descriptorViolations(descriptor, true)).isEmpty();
    }

    @Test
    void descriptorViolationsNameEachProblem() {
        ModuleDescriptor descriptor = ModuleDescriptor.newModule("dev.groundwork.auth")
                .requires("dev.groundwork.cache")
                .exports("dev.groundwork.auth.internal")
                .packages(Set.of("com.example.stray"))
                .build();
        assertThat(GroundworkRules.descriptorViolations(descriptor, false))
                .containsExactlyInAnyOrder(
                        "package com.example.stray is outside the module's root package dev.groundwork.auth",
                        "module dev.groundwork.auth exports internal package dev.groundwork.auth.internal",
                        "module dev.groundwork.auth requires Groundwork module dev.groundwork.cache: only a *.redis"
                                + " module may require its own core",
                        "module dev.groundwork.auth is not annotated @org.jspecify.annotations.NullMarked");
    }

    @Test
    void moduleOutsideGroundworkIsReported() {
        ModuleDescriptor descriptor =
                ModuleDescriptor.newModule("com.example.cache").build();
        assertThat(GroundworkRules.descriptorViolations(descriptor, true))
                .containsExactly("module com.example.cache is not named under dev.groundwork");
    }

    @Test
    void skippingJavadocIsAllowedOnlyWhileTheModuleHasNoPublicClasses() {
        CompiledModule empty = module();
        CompiledModule withApi = module(AlphaApi.class);
        assertThat(GroundworkRules.javadocSkipProblem(empty, true)).isEmpty();
        assertThat(GroundworkRules.javadocSkipProblem(withApi, false)).isEmpty();
        assertThat(GroundworkRules.javadocSkipProblem(withApi, true))
                .hasValueSatisfying(problem ->
                        assertThat(problem).contains("dev.groundwork.fixtures.alpha.AlphaApi", "remove the property"));
    }

    @Test
    void internalSegmentIsMatchedWholeOnly() {
        assertThat(GroundworkRules.isInternal("dev.groundwork.auth.internal")).isTrue();
        assertThat(GroundworkRules.isInternal("dev.groundwork.auth.internal.jwt"))
                .isTrue();
        assertThat(GroundworkRules.isInternal("dev.groundwork.auth.internals")).isFalse();
        assertThat(GroundworkRules.isInternal("dev.groundwork.international")).isFalse();
    }
}
