package dev.groundwork.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** The redis-server every Redis benchmark runs against: from the embedded-redis jar, on a free loopback port. */
final class LocalRedis {

    private final RedisServer server;
    private final int port;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server without persistence. */
    static LocalRedis start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return new LocalRedis(server, port);
    }

    int port() {
        return port;
    }

    void stop() throws IOException {
        server.stop();
    }
}
