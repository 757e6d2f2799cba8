package dev.groundwork.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every Groundwork module lives by, as ArchUnit rules and module-descriptor checks.
 *
 * <p>Library modules (those with a {@code module-info}) get all of them; {@code benchmarks} and {@code examples}
 * get the rules that guard the libraries from their users ({@link #consumerRules}). Each rule names its reason, so a
 * violation says what to do instead. Stateless; thread-safe.
 */
public final class GroundworkRules {
    /** The root of every Groundwork package and module name. */
    public static final String ROOT = "dev.groundwork";

    private static final Pattern INTERNAL_SEGMENT = Pattern.compile("(^|\\.)internal(\\.|$)");

    /**
     * Packages a library module must not import: frameworks, servlet and JAX-RS APIs, dependency-injection
     * containers, HTTP servers, and logging frameworks (Groundwork logs through {@link System.Logger}).
     */
    static final String[] FORBIDDEN_PACKAGES = {
        "org.springframework..",
        "jakarta.servlet..",
        "javax.servlet..",
        "jakarta.ws.rs..",
        "javax.ws.rs..",
        "jakarta.inject..",
        "javax.inject..",
        "jakarta.enterprise..",
        "com.google.inject..",
        "io.quarkus..",
        "io.micronaut..",
        "io.helidon..",
        "io.vertx..",
        "io.undertow..",
        "org.eclipse.jetty..",
        "org.apache.catalina..",
        "com.sun.net.httpserver..",
        "org.slf4j..",
        "ch.qos.logback..",
        "org.apache.logging.log4j..",
        "org.apache.log4j..",
        "org.apache.commons.logging..",
        "org.jboss.logging..",
        "org.tinylog..",
        "java.util.logging.."
    };

    private GroundworkRules() {}

    /** Whether a module or package name belongs to Groundwork. */
    public static boolean isGroundworkName(String name) {
        return name.equals(ROOT) || name.startsWith(ROOT + ".");
    }

    /** Whether a package is an implementation package ({@code internal} is one of its segments). */
    public static boolean isInternal(String packageName) {
        return INTERNAL_SEGMENT.matcher(packageName).find();
    }

    /** All rules for a library module. */
    public static List<ArchRule> libraryRules(CompiledModule module) {
        Set<String> own = module.ownPackages();
        return List.of(
                packagesFreeOfCycles(own),
                internalPackagesStayInside(own),
                dependsOnlyOnAllowedModules(own, module.requiredGroundworkModules()),
                noFrameworkOrLoggingImports(),
                noStandardStreams(),
                publicApiClassesAreFinal());
    }

    /** The rules for a module that uses Groundwork from outside ({@code benchmarks}, {@code examples}). */
    public static List<ArchRule> consumerRules(CompiledModule module) {
        return List.of(internalPackagesStayInside(module.ownPackages()));
    }

    /**
     * No cycles between the module's packages. One edge is exempt: an {@code internal} package may use the API
     * package it implements ({@code a.b.internal..} may use {@code a.b}), since the API hands out implementations
     * and the implementations return API values (the OkHttp model). Every other cycle, among API packages, among
     * internal packages or through another package, is reported.
     */
    public static ArchRule packagesFreeOfCycles(Set<String> ownPackages) {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return ownPackages.contains(pkg) ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of the module";
            }
        };
        SliceRule rule =
                SlicesRuleDefinition.slices().assignedFrom(byPackage).should().beFreeOfCycles();
        for (String owner : ownPackages) {
            if (isInternal(owner)) {
                continue;
            }
            rule = rule.ignoreDependency(
                    DescribedPredicate.describe(
                            "internal packages of " + owner,
                            c -> isInternal(c.getPackageName()) && owner.equals(apiPackageOf(c.getPackageName()))),
                    DescribedPredicate.describe(owner, c -> owner.equals(c.getPackageName())));
        }
        return rule.because("a package cycle makes the module impossible to split or to read bottom-up")
                .allowEmptyShould(true);
    }

    /** The API package an internal package implements: everything before its {@code internal} segment. */
    static String apiPackageOf(String internalPackage) {
        Matcher segment = INTERNAL_SEGMENT.matcher(internalPackage);
        return segment.find() ? internalPackage.substring(0, segment.start()) : internalPackage;
    }

    /** Nothing reaches into another module's {@code internal} packages. */
    public static ArchRule internalPackagesStayInside(Set<String> ownPackages) {
        DescribedPredicate<JavaClass> foreignInternal = DescribedPredicate.describe(
                "reside in an internal package of another Groundwork module",
                c -> isGroundworkName(c.getPackageName())
                        && isInternal(c.getPackageName())
                        && !ownPackages.contains(c.getPackageName()));
        return noClasses()
                .should()
                .dependOnClassesThat(foreignInternal)
                .because("internal packages are implementation, not exported and free to change; use the module's"
                        + " public API")
                .allowEmptyShould(true);
    }

    /**
     * A library module uses no other Groundwork module, except a {@code *-redis} module its own core, whose
     * module names are {@code allowedModules}.
     */
    public static ArchRule dependsOnlyOnAllowedModules(Set<String> ownPackages, Set<String> allowedModules) {
        DescribedPredicate<JavaClass> otherModule = DescribedPredicate.describe(
                "belong to another Groundwork module" + (allowedModules.isEmpty() ? "" : " than " + allowedModules),
                c -> {
                    String pkg = c.getPackageName();
                    return isGroundworkName(pkg)
                            && !ownPackages.contains(pkg)
                            && allowedModules.stream().noneMatch(m -> pkg.equals(m) || pkg.startsWith(m + "."));
                });
        return noClasses()
                .should()
                .dependOnClassesThat(otherModule)
                .because("Groundwork modules are independent: a user adds one without the others (only a *-redis"
                        + " module builds on its own *-core)")
                .allowEmptyShould(true);
    }

    /** No framework, servlet, HTTP server or logging-framework imports. */
    public static ArchRule noFrameworkOrLoggingImports() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FORBIDDEN_PACKAGES)
                .because("a library module must not tie its users to a framework, a server or a logging backend;"
                        + " log through System.Logger")
                .allowEmptyShould(true);
    }

    /** No {@code System.out}, {@code System.err} or {@code printStackTrace}. */
    public static ArchRule noStandardStreams() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
                .because("libraries report through System.Logger or their listener interfaces, never the console")
                .allowEmptyShould(true);
    }

    /**
     * Tests never sleep to wait for something: they move a test clock, wait on a latch or a future, or poll with
     * a bound (Awaitility). A sleep is a guess at how long the machine needs, wrong on a loaded CI runner.
     */
    public static ArchRule testsDoNotSleep() {
        DescribedPredicate<JavaMethodCall> sleeps = DescribedPredicate.describe(
                "Thread.sleep or TimeUnit.sleep",
                call -> call.getName().equals("sleep")
                        && (call.getTargetOwner().isEquivalentTo(Thread.class)
                                || call.getTargetOwner().isEquivalentTo(TimeUnit.class)));
        return noClasses()
                .should()
                .callMethodWhere(sleeps)
                .because("a sleep guesses how long the machine needs; move a TestClock, wait on a latch or future,"
                        + " or poll with Awaitility and a bound")
                .allowEmptyShould(true);
    }

    /** Public concrete classes of the API are final: they are built through factories, not extended. */
    public static ArchRule publicApiClassesAreFinal() {
        DescribedPredicate<JavaClass> inApiPackage =
                DescribedPredicate.describe("reside in an API package", c -> !isInternal(c.getPackageName()));
        return classes()
                .that()
                .arePublic()
                .and()
                .areNotInterfaces()
                .and()
                .areNotEnums()
                .and()
                .doNotHaveModifier(JavaModifier.ABSTRACT)
                .and(inApiPackage)
                .should()
                .haveModifier(JavaModifier.FINAL)
                .because("the public API is small and deliberate: extension points are interfaces or sealed types")
                .allowEmptyShould(true);
    }

    /**
     * A module may skip Javadoc only while it has no public classes (javadoc refuses a module with nothing to
     * document); returns the problem when it skips it with public classes present.
     */
    public static Optional<String> javadocSkipProblem(CompiledModule module, boolean javadocSkipped) {
        List<String> publicClasses = module.classes().stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getName)
                .sorted()
                .toList();
        if (javadocSkipped && !publicClasses.isEmpty()) {
            return Optional.of("maven.javadoc.skip is true but the module has public classes " + publicClasses
                    + ": remove the property from its pom.xml so its Javadoc is built and checked");
        }
        return Optional.empty();
    }

    /** What is wrong with a library module's descriptor; empty when nothing is. */
    public static List<String> descriptorViolations(ModuleDescriptor descriptor, boolean nullMarked) {
        List<String> problems = new ArrayList<>();
        String name = descriptor.name();
        if (!isGroundworkName(name)) {
            problems.add("module " + name + " is not named under " + ROOT);
        }
        for (String pkg : new java.util.TreeSet<>(descriptor.packages())) {
            if (!pkg.equals(name) && !pkg.startsWith(name + ".")) {
                problems.add("package " + pkg + " is outside the module's root package " + name);
            }
        }
        for (ModuleDescriptor.Exports export : descriptor.exports()) {
            if (isInternal(export.source())) {
                problems.add("module " + name + " exports internal package " + export.source());
            }
        }
        for (ModuleDescriptor.Requires requires : descriptor.requires()) {
            String required = requires.name();
            if (isGroundworkName(required) && !name.equals(required + ".redis")) {
                problems.add("module " + name + " requires Groundwork module " + required
                        + ": only a *.redis module may require its own core");
            }
        }
        if (!nullMarked) {
            problems.add("module " + name + " is not annotated @org.jspecify.annotations.NullMarked");
        }
        return problems;
    }
}
