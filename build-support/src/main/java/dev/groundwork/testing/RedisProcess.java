package dev.groundwork.testing;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (shipped inside the embedded-redis jar: 6.2.6 on linux-amd64) on one of the
 * {@link LoopbackPorts}, for the tests of the {@code *-redis} modules: they can stop and restart it (empty, on the
 * same port), freeze it with {@code kill -STOP} and let it go on, and open Lettuce clients that reconnect to it every
 * 50 ms.
 *
 * <p>A module using it declares {@code embedded-redis} and {@code lettuce-core} itself (they are optional here, so
 * modules without Redis do not get them).
 */
public final class RedisProcess implements AutoCloseable {

    private final int port = LoopbackPorts.free();
    private final ClientResources resources = ClientResources.builder()
            .reconnectDelay(Delay.constant(Duration.ofMillis(50)))
            .build();
    private final List<RedisClient> clients = new ArrayList<>();
    private RedisServer server;
    private long pid;
    private boolean paused;

    /** Starts a server. */
    public RedisProcess() {
        start();
    }

    /**
     * The server's loopback port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** Starts (or restarts) the server on the same port, empty, without persistence. */
    public void start() {
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (StatefulRedisConnection<String, String> admin = connect()) {
            pid = processId(admin);
        }
    }

    /**
     * The process id of the redis-server on the other end of a connection ({@code INFO server}).
     *
     * @param connection a connection to the server
     * @return its process id
     */
    static long processId(StatefulRedisConnection<String, String> connection) {
        return connection
                .sync()
                .info("server")
                .lines()
                .filter(line -> line.startsWith("process_id:"))
                .mapToLong(line ->
                        Long.parseLong(line.substring("process_id:".length()).trim()))
                .findFirst()
                .orElseThrow();
    }

    /** Kills the server; clients see their connections drop. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Freezes the server process: connections stay open, nothing answers. */
    public void pause() {
        signal("-STOP");
        paused = true;
    }

    /** Lets a paused server go on. */
    public void resume() {
        signal("-CONT");
        paused = false;
    }

    private void signal(String signal) {
        try {
            // The shell's built-in kill: a fresh machine may lack procps' /bin/kill.
            Process kill = new ProcessBuilder("sh", "-c", "kill " + signal + " " + pid)
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new client that reconnects every 50 ms while the server is away; shut down with this fixture.
     *
     * @return the client
     */
    public RedisClient client() {
        RedisClient client = RedisClient.create(resources, RedisURI.create("127.0.0.1", port));
        client.setOptions(ClientOptions.builder().autoReconnect(true).build());
        clients.add(client);
        return client;
    }

    /**
     * A connection of its own client, for the code under test or for a test's own commands.
     *
     * @return the connection
     */
    public StatefulRedisConnection<String, String> connect() {
        return client().connect();
    }

    @Override
    public void close() {
        if (paused) {
            resume();
        }
        clients.forEach(RedisClient::shutdown);
        resources.shutdown();
        stop();
    }
}
