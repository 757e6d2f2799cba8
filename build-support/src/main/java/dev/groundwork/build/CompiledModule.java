package dev.groundwork.build;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The compiled classes of one Groundwork module, as the rules see them: its classes, its module descriptor if it
 * has one (library modules do; {@code benchmarks} and {@code examples} do not) and whether the module is
 * {@code @NullMarked}. Immutable.
 */
public final class CompiledModule {
    private static final String MODULE_INFO = "module-info.class";
    private static final byte[] NULL_MARKED_DESCRIPTOR =
            "Lorg/jspecify/annotations/NullMarked;".getBytes(StandardCharsets.UTF_8);

    private final Optional<ModuleDescriptor> descriptor;
    private final boolean nullMarked;
    private final JavaClasses classes;

    private CompiledModule(Optional<ModuleDescriptor> descriptor, boolean nullMarked, JavaClasses classes) {
        this.descriptor = descriptor;
        this.nullMarked = nullMarked;
        this.classes = classes;
    }

    /** Reads a Maven output directory such as {@code target/classes}; a missing directory is an empty module. */
    public static CompiledModule at(Path classesDirectory) {
        if (!Files.isDirectory(classesDirectory)) {
            return new CompiledModule(Optional.empty(), false, new ClassFileImporter().importClasses());
        }
        Path moduleInfo = classesDirectory.resolve(MODULE_INFO);
        Optional<ModuleDescriptor> descriptor = Optional.empty();
        boolean nullMarked = false;
        if (Files.isRegularFile(moduleInfo)) {
            try (InputStream in = Files.newInputStream(moduleInfo)) {
                descriptor = Optional.of(ModuleDescriptor.read(in));
                nullMarked = contains(Files.readAllBytes(moduleInfo), NULL_MARKED_DESCRIPTOR);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + moduleInfo, e);
            }
        }
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(location -> !location.contains(MODULE_INFO))
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classesDirectory);
        return of(descriptor, nullMarked, classes);
    }

    /** A module from classes imported elsewhere, for the rules' own tests. */
    public static CompiledModule of(Optional<ModuleDescriptor> descriptor, boolean nullMarked, JavaClasses classes) {
        return new CompiledModule(descriptor, nullMarked, classes);
    }

    /** The module descriptor; present for library modules. */
    public Optional<ModuleDescriptor> descriptor() {
        return descriptor;
    }

    /** Whether {@code module-info} carries JSpecify's {@code @NullMarked}. */
    public boolean nullMarked() {
        return nullMarked;
    }

    /** The module's own classes, without {@code module-info}. */
    public JavaClasses classes() {
        return classes;
    }

    /** The packages that hold at least one of the module's classes. */
    public Set<String> ownPackages() {
        return classes.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The Groundwork modules this module's descriptor requires (for a {@code *-redis} module: its core). */
    public Set<String> requiredGroundworkModules() {
        return descriptor.stream()
                .flatMap(d -> d.requires().stream())
                .map(ModuleDescriptor.Requires::name)
                .filter(GroundworkRules::isGroundworkName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
