package dev.groundwork.auth.redis;

import dev.groundwork.auth.RefreshTokenStore;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.contract.ApiKeyStoreContract;
import dev.groundwork.auth.contract.RefreshTokenStoreContract;
import dev.groundwork.auth.contract.RevocationListContract;
import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The Redis stores against the contracts every store keeps (auth-core's test jar), as two instances of a service on
 * two connections to one Redis: what one writes, the other reads; one token raced on both has one winner.
 */
class RedisStoresContractTest {

    static RedisProcess redis;
    static StatefulRedisConnection<String, String> first;
    static StatefulRedisConnection<String, String> second;

    @BeforeAll
    static void startRedis() {
        redis = new RedisProcess();
        first = redis.connect();
        second = redis.connect();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore store() {
            return SharedRedisTest.instance(first).refreshTokenStore();
        }

        @Override
        protected RefreshTokenStore otherInstance() {
            return SharedRedisTest.instance(second).refreshTokenStore();
        }
    }

    @Nested
    class Revocations extends RevocationListContract {
        @Override
        protected RevocationList list() {
            return SharedRedisTest.instance(first).revocationList();
        }

        @Override
        protected RevocationList otherInstance() {
            return SharedRedisTest.instance(second).revocationList();
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected ApiKeyStore store() {
            return SharedRedisTest.instance(first).apiKeyStore();
        }

        @Override
        protected ApiKeyStore otherInstance() {
            return SharedRedisTest.instance(second).apiKeyStore();
        }
    }
}
