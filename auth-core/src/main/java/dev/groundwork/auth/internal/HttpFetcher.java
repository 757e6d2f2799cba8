package dev.groundwork.auth.internal;

import dev.groundwork.auth.JwksOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Small, bounded HTTP GETs for key material (JWKS documents, OIDC discovery) with the JDK's {@link HttpClient}: no
 * redirects, a connect timeout, one deadline for the whole exchange (body included), a size limit. Thread-safe.
 */
public final class HttpFetcher {
    private final HttpClient client;
    private final JwksOptions options;

    public HttpFetcher(JwksOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Refuses any URL but https, or plain http on a loopback address (tests, local development). */
    public static URI requireSafe(URI uri, String what) {
        String scheme = uri.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !("http".equalsIgnoreCase(scheme) && isLoopback(uri))) {
            throw new IllegalArgumentException(what + " must be https (plain http only on loopback): " + uri);
        }
        return uri;
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

    /** The body of a 200 response, failing on any other status, on the deadline, or past the size limit. */
    public CompletableFuture<byte[]> get(URI uri, String accept) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header("Accept", accept)
                .GET()
                .build();
        AtomicReference<@Nullable InputStream> body = new AtomicReference<>();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    body.set(response.body());
                    return read(response);
                })
                .orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((bytes, failure) -> closeQuietly(body.get()));
    }

    private byte[] read(HttpResponse<InputStream> response) {
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
            throw new IllegalStateException("document larger than " + options.maxBytes() + " bytes");
        }
        return bytes;
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
