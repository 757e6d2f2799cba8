package dev.groundwork.auth.internal;

import dev.groundwork.auth.JwksOptions;
import dev.groundwork.auth.JwsAlgorithm;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Keys found through OpenID Connect Discovery: the issuer's {@code /.well-known/openid-configuration} names its
 * {@code jwks_uri}, which is then read as a {@link RemoteJwks}. The document's {@code issuer} must equal the
 * configured issuer exactly (OpenID Connect Discovery 1.0 §4.3), or its keys are not used. Discovery runs once, on
 * first use; a failure is retried no sooner than the options' cooldown. Thread-safe.
 */
public final class OidcKeys implements KeyProvider {
    private static final System.Logger LOG = System.getLogger(OidcKeys.class.getName());

    private final String issuer;
    private final URI configuration;
    private final JwksOptions options;
    private final HttpFetcher fetcher;
    private volatile @Nullable RemoteJwks jwks;
    private volatile Instant lastAttempt = Instant.MIN;
    private volatile @Nullable String lastFailure;

    /**
     * Keys found through an issuer's discovery document.
     *
     * @param issuer the issuer URL, exactly as tokens carry it
     * @param options caching and timeouts
     */
    public OidcKeys(String issuer, JwksOptions options) {
        URI issuerUri;
        try {
            issuerUri = HttpFetcher.requireSafe(URI.create(issuer), "OIDC issuer");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OIDC issuer must be an https URL: " + issuer, e);
        }
        String base = issuerUri.toString().endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.issuer = issuer;
        this.configuration = URI.create(base + "/.well-known/openid-configuration");
        this.options = options;
        this.fetcher = new HttpFetcher(options);
    }

    @Override
    public KeyLookup lookup(@Nullable String keyId, JwsAlgorithm algorithm) {
        RemoteJwks source = jwks;
        if (source == null) {
            source = discover();
            if (source == null) {
                String failure = lastFailure;
                return new KeyLookup.Unavailable(
                        "OIDC discovery of " + issuer + " failed" + (failure == null ? "" : ": " + failure));
            }
        }
        return source.lookup(keyId, algorithm);
    }

    private synchronized @Nullable RemoteJwks discover() {
        if (jwks != null) {
            return jwks;
        }
        Instant now = options.clock().instant();
        if (now.isBefore(Times.plus(lastAttempt, options.unknownKeyCooldown()))) {
            return null;
        }
        lastAttempt = now;
        try {
            byte[] body = fetcher.get(configuration, "application/json")
                    .get(options.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            Map<String, Object> document = StrictJson.parseObject(body, 32);
            if (document == null) {
                throw new IllegalStateException("the discovery document is not a JSON object");
            }
            if (!issuer.equals(document.get("issuer"))) {
                throw new IllegalStateException("the discovery document names another issuer");
            }
            if (!(document.get("jwks_uri") instanceof String jwksUri)) {
                throw new IllegalStateException("the discovery document has no jwks_uri");
            }
            RemoteJwks source = new RemoteJwks(URI.create(jwksUri), options);
            jwks = source;
            lastFailure = null;
            return source;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            lastFailure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            LOG.log(System.Logger.Level.WARNING, "OIDC discovery from {0} failed: {1}", configuration, lastFailure);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
