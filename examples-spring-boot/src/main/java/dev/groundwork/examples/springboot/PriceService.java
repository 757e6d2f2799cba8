package dev.groundwork.examples.springboot;

import dev.groundwork.cache.LoadingCache;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Service;

/** Prices from a slow source, read through a Groundwork cache: one load per SKU however many requests ask. */
@Service
class PriceService {
    private static final Map<String, Long> CATALOGUE = Map.of("apple", 120L, "pear", 95L);

    private final AtomicInteger loads = new AtomicInteger();

    // region cache
    private final LoadingCache<String, Long> prices = LoadingCache.<String, Long>builder("prices")
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .loader(this::loadPrice)
            .build();

    Optional<Long> price(String sku) {
        return prices.get(sku);
    }
    // endregion

    private Optional<Long> loadPrice(String sku) {
        loads.incrementAndGet();
        return Optional.ofNullable(CATALOGUE.get(sku));
    }

    /** How many times the source was asked, for the test. */
    int loads() {
        return loads.get();
    }
}
