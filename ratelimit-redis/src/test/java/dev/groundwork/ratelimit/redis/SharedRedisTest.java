package dev.groundwork.ratelimit.redis;

import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One embedded Redis server for a test class, emptied before every test: a connection for the limiters under test
 * and a second one for the test's own commands.
 */
abstract class SharedRedisTest {

    static RedisProcess redis;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> admin;

    @BeforeAll
    static void startRedis() {
        redis = new RedisProcess();
        connection = redis.connect();
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
}
