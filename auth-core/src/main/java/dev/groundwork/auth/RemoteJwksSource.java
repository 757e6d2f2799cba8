package dev.groundwork.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * A JWK set fetched over HTTP with the JDK's {@link HttpClient} and cached. One fetch at a time (single-flight);
 * lookups on fresh keys never block or allocate a request. Thread-safe.
 */
final class RemoteJwksSource extends KeySource {
    private static final System.Logger LOG = System.getLogger(RemoteJwksSource.class.getName());

    /** The keys of the last successful fetch and when they stop being fresh. */
    private record Snapshot(List<VerifierKey> keys, Instant freshUntil) {}

    private final URI uri;
    private final JwksOptions options;
    private final HttpClient client;
    private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<@Nullable CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
    /** When the last refresh was started for an unknown kid or after a failure (cooldown start). */
    private final AtomicReference<Instant> lastForcedRefresh = new AtomicReference<>(Instant.MIN);

    private volatile @Nullable String lastFailure;

    RemoteJwksSource(URI uri, JwksOptions options) {
        String scheme = uri.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !("http".equalsIgnoreCase(scheme) && isLoopback(uri))) {
            throw new IllegalArgumentException("JWKS URL must be https (plain http only on loopback): " + uri);
        }
        this.uri = uri;
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
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
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        AtomicReference<@Nullable InputStream> body = new AtomicReference<>();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    body.set(response.body());
                    return read(response);
                })
                .orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((keys, failure) -> {
                    closeQuietly(body.get());
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

    private List<VerifierKey> read(HttpResponse<InputStream> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(options.maxBytes() + 1);
        } catch (IOException e) {
            throw new IllegalStateException("reading the body failed: " + e.getMessage(), e);
        }
        if (bytes.length > options.maxBytes()) {
            throw new IllegalStateException("JWK set larger than " + options.maxBytes() + " bytes");
        }
        return parseJwkSet(new String(bytes, StandardCharsets.UTF_8), true);
    }

    private static void closeQuietly(@Nullable InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // Nothing to do: the stream is being abandoned.
            }
        }
    }
}
