package dev.groundwork.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading real compiled modules from an output directory, as the module rules do in every build. */
class CompiledModuleTest {

    @TempDir
    Path work;

    /** Compiles a module-info plus (path, source) pairs; a pair whose path starts with "--" is a javac option. */
    private Path compile(String moduleInfo, String... sources) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        List<String> args = new java.util.ArrayList<>(
                List.of("-d", out.toString(), src.resolve("module-info.java").toString()));
        for (int i = 0; i < sources.length; i += 2) {
            if (sources[i].startsWith("--")) {
                args.add(sources[i]);
                args.add(sources[i + 1]);
                continue;
            }
            Path file = src.resolve(sources[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, sources[i + 1]);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        return out;
    }

    @Test
    void readsDescriptorPackagesAndRequiredGroundworkModules() throws IOException {
        Path out = compile(
                "module dev.groundwork.demo.redis { requires java.net.http; exports dev.groundwork.demo.redis; }",
                "dev/groundwork/demo/redis/Demo.java",
                "package dev.groundwork.demo.redis; public final class Demo {}");
        CompiledModule module = CompiledModule.at(out);
        assertThat(module.descriptor())
                .hasValueSatisfying(d -> assertThat(d.name()).isEqualTo("dev.groundwork.demo.redis"));
        assertThat(module.ownPackages()).containsExactly("dev.groundwork.demo.redis");
        assertThat(module.requiredGroundworkModules()).isEmpty();
        assertThat(module.classes().contain("dev.groundwork.demo.redis.Demo")).isTrue();
    }

    @Test
    void nullMarkedModuleIsRecognised() throws IOException {
        Path jspecify = Path.of(URI.create(NullMarked.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString()));
        Path out = compile(
                "@org.jspecify.annotations.NullMarked module dev.groundwork.marked { requires static org.jspecify; }",
                "--module-path",
                jspecify.toString());
        CompiledModule module = CompiledModule.at(out);
        assertThat(module.nullMarked()).isTrue();
        assertThat(GroundworkRules.descriptorViolations(module.descriptor().orElseThrow(), true))
                .isEmpty();
    }

    @Test
    void moduleWithoutNullMarkedIsSeenAsSuch() throws IOException {
        CompiledModule module = CompiledModule.at(compile("module dev.groundwork.plain {}"));
        assertThat(module.nullMarked()).isFalse();
        assertThat(GroundworkRules.descriptorViolations(module.descriptor().orElseThrow(), module.nullMarked()))
                .containsExactly("module dev.groundwork.plain is not annotated @org.jspecify.annotations.NullMarked");
    }

    @Test
    void missingOutputDirectoryIsAnEmptyConsumerModule() {
        CompiledModule module = CompiledModule.at(work.resolve("does-not-exist"));
        assertThat(module.descriptor()).isEmpty();
        assertThat(module.classes()).isEmpty();
        assertThat(module.ownPackages()).isEmpty();
    }
}
