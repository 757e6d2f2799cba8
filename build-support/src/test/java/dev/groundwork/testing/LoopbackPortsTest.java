package dev.groundwork.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void portsAreNeverHandedOutTwiceAndLieBelowTheEphemeralRange() throws IOException {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = LoopbackPorts.free();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(10_000, LoopbackPorts.ephemeralStart() - 1);
        }
        // Each is free: a server binds it.
        for (int port : seen) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortAndItsCompanionAreBothFreeAndNeitherIsHandedOutAgain() throws IOException {
        Set<Integer> seen = new HashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                int port = LoopbackPorts.free(10_000);
                assertThat(seen.add(port)).isTrue();
                assertThat(seen.add(port + 10_000)).isTrue();
                assertThat(port + 10_000).isLessThan(LoopbackPorts.ephemeralStart());
                // Held open: a port in use is never handed out by a later call.
                held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
                held.add(new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress()));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(seen).doesNotContain(LoopbackPorts.free());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void anOffsetThatLeavesNoRoomIsRefused() {
        assertThatThrownBy(() -> LoopbackPorts.free(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoopbackPorts.free(LoopbackPorts.ephemeralStart()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ephemeral range");
    }
}
