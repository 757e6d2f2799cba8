package dev.groundwork.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A JWK set fetched over HTTP (see {@link HttpFetcher}) and cached. One fetch at a time (single-flight);
 * lookups on fresh keys never block or allocate a request. Thread-safe.
 */
final class RemoteJwksSource extends KeySource {
    private static final System.Logger LOG = System.getLogger(RemoteJwksSource.class.getName());

    /** The keys of the last successful fetch and when they stop being fresh. */
    private record Snapshot(List<VerifierKey> keys, Instant freshUntil) {}

    private final URI uri;
    private final JwksOptions options;
    private final HttpFetcher fetcher;
    private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<@Nullable CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
    /** When the last refresh was started for an unknown kid or after a failure (cooldown start). */
    private final AtomicReference<Instant> lastForcedRefresh = new AtomicReference<>(Instant.MIN);

    private volatile @Nullable String lastFailure;

    RemoteJwksSource(URI uri, JwksOptions options) {
        this.uri = HttpFetcher.requireSafe(uri, "JWKS URL");
        this.options = options;
        this.fetcher = new HttpFetcher(options);
    }

    @Override
    KeyLookup lookup(@Nullable String keyId, JwsAlgorithm algorithm) {
        Instant now = options.clock().instant();
        Snapshot current = snapshot.get();
        if (current == null) {
            current = refreshAndWait();
            if (current == null) {
                return unavailable("no keys fetched yet");
            }
        } else if (!now.isBefore(current.freshUntil().plus(options.outageTolerance()))) {
            // Past TTL and outage tolerance: the cached keys may no longer be trusted.
            Snapshot refreshed = cooledDown(now) ? refreshAndWait() : null;
            if (refreshed == null) {
                return unavailable("cached keys expired beyond the outage tolerance");
            }
            current = refreshed;
        } else if (!now.isBefore(current.freshUntil().minus(options.refreshAhead()))
                && !now.isBefore(lastForcedRefresh.get().plus(options.unknownKeyCooldown()))) {
            // Refresh-ahead, or stale-while-revalidate within the tolerance: serve these keys, refresh behind.
            // Concurrent callers share one fetch; after a failure, the cooldown spaces the retries.
            refresh();
        }
        KeyLookup found = StaticKeySource.select(current.keys(), keyId, algorithm);
        if (found instanceof KeyLookup.NoMatch && keyId != null && cooledDown(now)) {
            // A kid we have never seen: the issuer may have rotated. One refresh per cooldown, whatever the load.
            Snapshot refreshed = refreshAndWait();
            if (refreshed != null) {
                found = StaticKeySource.select(refreshed.keys(), keyId, algorithm);
            }
        }
        return found;
    }

    private KeyLookup unavailable(String why) {
        String failure = lastFailure;
        return new KeyLookup.Unavailable(why + (failure == null ? "" : " (last fetch: " + failure + ")"));
    }

    /** Claims the cooldown slot if it has passed: true for exactly one caller per cooldown. */
    private boolean cooledDown(Instant now) {
        Instant last = lastForcedRefresh.get();
        return !now.isBefore(last.plus(options.unknownKeyCooldown())) && lastForcedRefresh.compareAndSet(last, now);
    }

    private @Nullable Snapshot refreshAndWait() {
        CompletableFuture<Snapshot> future = refresh();
        try {
            // The request timeout bounds the fetch; the extra second covers parsing and scheduling.
            return future.get(options.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Starts a fetch unless one is running; returns the running or new one. */
    private CompletableFuture<Snapshot> refresh() {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        fetcher.get(uri, "application/jwk-set+json, application/json")
                .thenApply(bytes -> parseJwkSet(new String(bytes, StandardCharsets.UTF_8), true))
                .whenComplete((keys, failure) -> {
                    if (failure == null) {
                        Snapshot fresh =
                                new Snapshot(keys, options.clock().instant().plus(options.ttl()));
                        snapshot.set(fresh);
                        lastFailure = null;
                        inFlight.set(null);
                        mine.complete(fresh);
                    } else {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        lastFailure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                        // A failure starts the cooldown, so a dead endpoint is not retried on every request.
                        lastForcedRefresh.set(options.clock().instant());
                        LOG.log(System.Logger.Level.WARNING, "JWKS fetch from {0} failed: {1}", uri, lastFailure);
                        inFlight.set(null);
                        mine.completeExceptionally(cause);
                    }
                });
        return mine;
    }
}
