package dev.groundwork.auth.internal;

import dev.groundwork.auth.JwksOptions;
import dev.groundwork.auth.JwsAlgorithm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
public final class RemoteJwks implements KeyProvider {
    private static final System.Logger LOG = System.getLogger(RemoteJwks.class.getName());

    /** The keys of the last successful fetch and when they stop being fresh. */
    private record Snapshot(List<VerifierKey> keys, Instant freshUntil) {}

    private final URI uri;
    private final JwksOptions options;
    private final HttpFetcher fetcher;
    private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<@Nullable CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
    /** When the last refresh for an unknown kid was started (that cooldown's start). */
    private final AtomicReference<Instant> lastUnknownKeyRefresh = new AtomicReference<>(Instant.MIN);

    private volatile @Nullable String lastFailure;
    /** When the last fetch failed (the failure cooldown's start); null after a success. */
    private volatile @Nullable Instant lastFailureAt;

    /**
     * Keys to be fetched from a JWKS URL.
     *
     * @param uri the URL; https, or http on loopback
     * @param options caching and timeouts
     */
    public RemoteJwks(URI uri, JwksOptions options) {
        this.uri = HttpFetcher.requireSafe(uri, "JWKS URL");
        this.options = options;
        this.fetcher = new HttpFetcher(options);
    }

    @Override
    public KeyLookup lookup(@Nullable String keyId, JwsAlgorithm algorithm) {
        Instant now = options.clock().instant();
        Snapshot current = snapshot.get();
        if (current == null) {
            current = refreshAndWait();
            if (current == null) {
                return unavailable("no keys fetched yet");
            }
        } else if (!now.isBefore(Times.plus(current.freshUntil(), options.outageTolerance()))) {
            // Past TTL and outage tolerance: the cached keys may no longer be trusted.
            Snapshot refreshed = refreshAndWait();
            if (refreshed == null) {
                return unavailable("cached keys expired beyond the outage tolerance");
            }
            current = refreshed;
        } else if (!now.isBefore(current.freshUntil().minus(options.refreshAhead()))) {
            // Refresh-ahead, or stale-while-revalidate within the tolerance: serve these keys, refresh behind.
            // Concurrent callers share one fetch; after a failure, refresh() spaces the retries by the cooldown.
            refresh();
        }
        KeyLookup found = StaticKeys.select(current.keys(), keyId, algorithm);
        if (found instanceof KeyLookup.NoMatch && keyId != null && claimUnknownKeyRefresh(now)) {
            // A kid we have never seen: the issuer may have rotated. One refresh per cooldown, whatever the load.
            Snapshot refreshed = refreshAndWait();
            if (refreshed != null) {
                found = StaticKeys.select(refreshed.keys(), keyId, algorithm);
            }
        }
        return found;
    }

    private KeyLookup unavailable(String why) {
        String failure = lastFailure;
        return new KeyLookup.Unavailable(why + (failure == null ? "" : " (last fetch: " + failure + ")"));
    }

    /** The answer of {@link #refresh()} within the cooldown after a failure: already failed, shared. */
    private static final CoolingDown COOLING_DOWN_FAILURE = new CoolingDown();

    private static final CompletableFuture<Snapshot> COOLING_DOWN =
            CompletableFuture.failedFuture(COOLING_DOWN_FAILURE);

    /** Why no fetch was sent; thrown once, stack trace omitted. */
    private static final class CoolingDown extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CoolingDown() {
            super("cooling down after a failed fetch");
            setStackTrace(new StackTraceElement[0]);
        }
    }

    private boolean coolingDown() {
        Instant failedAt = lastFailureAt;
        return failedAt != null
                && options.clock().instant().isBefore(Times.plus(failedAt, options.unknownKeyCooldown()));
    }

    /** Claims the unknown-kid refresh slot if the cooldown has passed: true for exactly one caller per cooldown. */
    private boolean claimUnknownKeyRefresh(Instant now) {
        Instant last = Objects.requireNonNull(lastUnknownKeyRefresh.get());
        return !now.isBefore(Times.plus(last, options.unknownKeyCooldown()))
                && lastUnknownKeyRefresh.compareAndSet(last, now);
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

    /**
     * Starts a fetch unless one is running; returns the running or new one. Every fetch, whatever asked for it
     * (first use, expiry, refresh-ahead, an unknown kid), starts here, and here alone the cooldown after a failure
     * is enforced: within it the returned future has already failed and nothing is sent. So a dead or lying
     * endpoint is asked at most once per cooldown, however many tokens arrive.
     */
    private CompletableFuture<Snapshot> refresh() {
        // Fast paths without allocation: during an outage every request passes here.
        CompletableFuture<Snapshot> running = inFlight.get();
        if (running != null) {
            return running;
        }
        if (coolingDown()) {
            return COOLING_DOWN;
        }
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        // Checked again after claiming the in-flight slot: a failure is recorded before the slot is released, so
        // no caller can slip a second fetch between a failure and its cooldown.
        if (coolingDown()) {
            inFlight.set(null);
            mine.completeExceptionally(COOLING_DOWN_FAILURE);
            return COOLING_DOWN;
        }
        fetcher.get(uri, "application/jwk-set+json, application/json")
                .thenApply(bytes -> JwkSets.parse(new String(bytes, StandardCharsets.UTF_8), true))
                .whenComplete((keys, failure) -> {
                    if (failure == null) {
                        Snapshot fresh =
                                new Snapshot(keys, Times.plus(options.clock().instant(), options.ttl()));
                        snapshot.set(fresh);
                        lastFailure = null;
                        lastFailureAt = null;
                        inFlight.set(null);
                        mine.complete(fresh);
                    } else {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        lastFailure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                        // A failure starts the cooldown, so a dead endpoint is not retried on every request.
                        lastFailureAt = options.clock().instant();
                        LOG.log(System.Logger.Level.WARNING, "JWKS fetch from {0} failed: {1}", uri, lastFailure);
                        inFlight.set(null);
                        mine.completeExceptionally(cause);
                    }
                });
        return mine;
    }
}
