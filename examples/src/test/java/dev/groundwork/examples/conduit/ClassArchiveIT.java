package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The class archive the build makes after the jar (see {@link TrainingRun}) is one the README's command can use:
 * with {@code -Xshare:on} the JVM refuses to start unless it maps the archive for exactly that jar.
 */
class ClassArchiveIT {

    @Test
    void theReadmeCommandStartsWithTheArchiveTheBuildMade() throws Exception {
        List<String> command = ConduitProcess.readmeCommand();
        assertThat(command).contains("-XX:SharedArchiveFile=target/conduit.jsa");
        List<String> check = new ArrayList<>(command.subList(0, command.indexOf("-jar")));
        check.add(1, "-Xshare:on");
        check.addAll(List.of("-cp", "target/conduit.jar", "-version"));
        Process java = new ProcessBuilder(check).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("sharing");
    }
}
