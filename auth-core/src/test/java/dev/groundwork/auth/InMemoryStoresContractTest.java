package dev.groundwork.auth;

import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.contract.ApiKeyStoreContract;
import dev.groundwork.auth.contract.RefreshTokenStoreContract;
import dev.groundwork.auth.contract.RevocationListContract;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The in-memory stores against the contracts every store must keep. */
class InMemoryStoresContractTest {

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        private final RefreshTokenStore store = RefreshTokenStore.inMemory(Clock.systemUTC(), 10_000);

        @Override
        protected RefreshTokenStore store() {
            return store;
        }
    }

    @Nested
    class Revocations extends RevocationListContract {
        private final RevocationList list = RevocationList.inMemory(Clock.systemUTC(), 10_000);

        @Override
        protected RevocationList list() {
            return list;
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        private final ApiKeyStore store = ApiKeyStore.inMemory();

        @Override
        protected ApiKeyStore store() {
            return store;
        }
    }
}
