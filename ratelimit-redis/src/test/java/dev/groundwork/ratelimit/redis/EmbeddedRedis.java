package dev.groundwork.ratelimit.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;

/** A real redis-server (shipped inside the embedded-redis jar) on a free port, and Lettuce clients for it. */
final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;
    private final List<RedisClient> clients = new ArrayList<>();
    private final ClientResources resources = ClientResources.builder()
            .reconnectDelay(Delay.constant(Duration.ofMillis(50)))
            .build();

    EmbeddedRedis() {
        this.port = freePort();
        start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's loopback port. */
    int port() {
        return port;
    }

    /** Starts (or restarts) the server on the same port, empty, without persistence. */
    void start() {
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
    }

    /** Kills the server process; clients see their connections drop. */
    void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new client with its own connection, reconnecting every 50 ms while the server is away. */
    StatefulRedisConnection<String, String> connect() {
        RedisClient client = RedisClient.create(resources, RedisURI.create("127.0.0.1", port));
        client.setOptions(ClientOptions.builder().autoReconnect(true).build());
        clients.add(client);
        return client.connect();
    }

    @Override
    public void close() {
        clients.forEach(RedisClient::shutdown);
        resources.shutdown();
        stop();
    }
}
