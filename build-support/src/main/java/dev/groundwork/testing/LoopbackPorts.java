package dev.groundwork.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers tests start themselves, and may stop and start again on the same port
 * (redis-server, PostgreSQL).
 *
 * <p>Asking the kernel for a free port ({@code new ServerSocket(0)}) and starting a server on it afterwards fails in
 * two ways this class rules out. The kernel may hand the same port out again, so two servers of one test (a Redis
 * Cluster's six nodes) can draw the same one: this class never hands a port out twice in one JVM. And such a port is
 * in the kernel's ephemeral range, which it also uses for outgoing connections, so any client can take it before the
 * server binds or while the server is stopped for a restart; on loopback a client reconnecting to a stopped server
 * in that range can even connect to itself. The ports here come from below that range (Linux's
 * {@code net.ipv4.ip_local_port_range}, 32768 and up unless changed), where the kernel never picks one on its own,
 * and each is checked free on 127.0.0.1 when handed out.
 */
public final class LoopbackPorts {

    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final int ATTEMPTS = 1_000;
    private static final int EPHEMERAL_START = readEphemeralStart();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private LoopbackPorts() {}

    /**
     * A port that is free now, below the ephemeral range, and not handed out before in this JVM.
     *
     * @return the port
     */
    public static int free() {
        return free(0);
    }

    /**
     * A port that is free now together with {@code port + offset} (a Redis Cluster node also listens on its port
     * plus 10 000, the cluster bus), both below the ephemeral range and neither handed out before in this JVM.
     *
     * @param offset the distance of the companion port, 0 for none
     * @return the port
     * @throws IllegalArgumentException if the offset is negative or leaves no room below the ephemeral range
     * @throws IllegalStateException if no free port was found in 1 000 tries
     */
    public static synchronized int free(int offset) {
        int ceiling = EPHEMERAL_START - offset;
        if (offset < 0 || ceiling - LOWEST < ATTEMPTS) {
            throw new IllegalArgumentException("no room for a port and its companion at +" + offset + " between "
                    + LOWEST + " and the ephemeral range, which starts at " + EPHEMERAL_START);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
            int companion = port + offset;
            if (HANDED_OUT.contains(port) || HANDED_OUT.contains(companion)) {
                continue;
            }
            if (bindable(port) && (offset == 0 || bindable(companion))) {
                HANDED_OUT.add(port);
                HANDED_OUT.add(companion);
                return port;
            }
        }
        throw new IllegalStateException(
                "no free loopback port between " + LOWEST + " and " + ceiling + " in " + ATTEMPTS + " tries");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first port of the kernel's ephemeral range: Linux's {@code ip_local_port_range}, or 32 768 where it cannot
     * be read (other systems start theirs higher).
     *
     * @return the first ephemeral port
     */
    static int ephemeralStart() {
        return EPHEMERAL_START;
    }

    private static int readEphemeralStart() {
        try {
            // One line, "32768\t60999". Not Files.readString: on JDK 17 it returned "3" for this /proc file.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
