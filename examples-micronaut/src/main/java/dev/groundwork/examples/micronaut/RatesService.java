package dev.groundwork.examples.micronaut;

import dev.groundwork.cache.LoadingCache;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exchange rates from a slow source, through a Groundwork cache that reloads a rate in the background during the
 * last minute of its life, so readers never wait for a reload.
 */
@Singleton
class RatesService {
    private final AtomicInteger loads = new AtomicInteger();
    private final LoadingCache<String, BigDecimal> rates;

    RatesService() {
        // region cache
        rates = LoadingCache.<String, BigDecimal>builder("rates")
                .maximumSize(1_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .refreshAhead(Duration.ofMinutes(1))
                .loader(this::fetchRate)
                .build();
        // endregion
    }

    Optional<BigDecimal> rate(String currency) {
        return rates.get(currency);
    }

    private Optional<BigDecimal> fetchRate(String currency) {
        loads.incrementAndGet();
        return switch (currency) {
            case "EUR" -> Optional.of(new BigDecimal("1.00"));
            case "USD" -> Optional.of(new BigDecimal("1.08"));
            default -> Optional.empty();
        };
    }

    /** How many times the source was asked, for the test. */
    int loads() {
        return loads.get();
    }
}
