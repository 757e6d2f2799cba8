package dev.groundwork.auth.redis;

import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One embedded Redis server for a test class, emptied before every test: two connections, one for each of two
 * service instances, and a third for the test's own commands.
 */
abstract class SharedRedisTest {

    /** A command timeout for tests that are not about timeouts. */
    static final Duration UNHURRIED = Duration.ofSeconds(5);

    static RedisProcess redis;
    static StatefulRedisConnection<String, String> first;
    static StatefulRedisConnection<String, String> second;
    static RedisCommands<String, String> admin;

    @BeforeAll
    static void startRedis() {
        redis = new RedisProcess();
        first = redis.connect();
        second = redis.connect();
        admin = redis.connect().sync();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void emptyRedis() {
        admin.flushall();
    }

    /**
     * The stores as one instance of a service builds them, on its own connection, with a timeout far above the 100 ms
     * default: these tests are about what the stores keep, and a loaded machine can take longer than 100 ms for one
     * command (OutageTest is about timeouts and keeps short ones).
     */
    static RedisAuth instance(StatefulRedisConnection<String, String> connection) {
        return RedisAuth.builder(connection.async(), "auth").timeout(UNHURRIED).build();
    }
}
