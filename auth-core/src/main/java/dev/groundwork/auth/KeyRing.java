package dev.groundwork.auth;

import dev.groundwork.auth.internal.Durations;
import dev.groundwork.auth.internal.StaticKeys;
import dev.groundwork.auth.internal.VerifierKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The signing keys of a token issuer, for rotation without downtime: one active key signs, newer keys can be
 * published before they sign, and older keys keep verifying until their last tokens have expired.
 *
 * <p>The safe order (so no verifier ever sees a token before it has the key): {@link #publish} the next key, wait
 * at least as long as verifiers cache the JWKS, then {@link #activate} it. The previous key is retired: it stays in
 * {@link #jwksJson()} and {@link #verificationKeys()} for the retention period (at least the access-token lifetime),
 * then disappears. {@link #rotate} does both steps at once for verifiers in this process.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.builder(SigningKey.generate(JwsAlgorithm.ES256))
 *         .retainRetiredFor(Duration.ofHours(1))
 *         .build();
 * SigningKey nextKey = SigningKey.generate(JwsAlgorithm.ES256);
 * ring.publish(nextKey); // appears in the JWKS
 * // ... later, after the JWKS cache time ...
 * ring.activate(nextKey.keyId()); // signs from now on
 * }</pre>
 *
 * <p>Thread-safe: changes are atomic, readers never block.
 */
public final class KeyRing {
    private record Retired(SigningKey key, Instant until) {}

    private record State(SigningKey active, List<SigningKey> published, List<Retired> retired) {}

    private final Clock clock;
    private final Duration retention;
    private final AtomicReference<State> state;

    private KeyRing(SigningKey first, Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
        this.state = new AtomicReference<>(new State(first, List.of(), List.of()));
    }

    /**
     * A ring whose only key is this one, retaining retired keys for a day, on the system clock.
     *
     * @param first the signing key
     * @return the ring
     */
    public static KeyRing of(SigningKey first) {
        return builder(first).build();
    }

    /**
     * Starts a ring.
     *
     * @param first the first active key
     * @return a builder
     */
    public static Builder builder(SigningKey first) {
        return new Builder(Objects.requireNonNull(first, "first"));
    }

    /** The ring's state; never null (an AtomicReference's get() is not known to the nullness checker to be set). */
    private State current() {
        return Objects.requireNonNull(state.get());
    }

    /**
     * The key that signs now.
     *
     * @return the active key
     */
    public SigningKey active() {
        return current().active();
    }

    /**
     * Publishes a key for verification before it signs.
     *
     * @param next the next key
     * @throws IllegalArgumentException when a key with the same id is already in the ring
     */
    public void publish(SigningKey next) {
        Objects.requireNonNull(next, "next");
        state.updateAndGet(current -> {
            if (contains(current, next.keyId())) {
                throw new IllegalArgumentException("key " + next.keyId() + " is already in the ring");
            }
            List<SigningKey> published = new ArrayList<>(current.published());
            published.add(next);
            return new State(current.active(), List.copyOf(published), current.retired());
        });
    }

    /**
     * Makes a published key the signing key; the previous one is retired.
     *
     * @param keyId the id of a published key
     * @throws IllegalArgumentException when no published key has this id
     */
    public void activate(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        Instant until = clock.instant().plus(retention);
        state.updateAndGet(current -> {
            SigningKey next = current.published().stream()
                    .filter(k -> k.keyId().equals(keyId))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no published key " + keyId));
            List<SigningKey> published = new ArrayList<>(current.published());
            published.remove(next);
            List<Retired> retired = new ArrayList<>(live(current.retired()));
            retired.add(new Retired(current.active(), until));
            return new State(next, List.copyOf(published), List.copyOf(retired));
        });
    }

    /**
     * Publishes and activates a key at once. Safe when every verifier reads this ring directly (see
     * {@link #verificationKeys()}); with remote verifiers, prefer {@link #publish} then {@link #activate}.
     *
     * @param next the new signing key
     */
    public void rotate(SigningKey next) {
        publish(next);
        activate(next.keyId());
    }

    /**
     * The keys that verify this ring's tokens: active, published and not yet expired retired keys, read live.
     *
     * @return a key source following the ring
     */
    public KeySource verificationKeys() {
        // Read live, so rotation takes effect at once.
        return new KeySource((keyId, algorithm) -> {
            List<SigningKey> keys = verifyingKeys();
            List<VerifierKey> verifiers = new ArrayList<>(keys.size());
            for (SigningKey key : keys) {
                verifiers.add(key.verifierKey());
            }
            return StaticKeys.select(verifiers, keyId, algorithm);
        });
    }

    /**
     * The public JWK set of the active, published and retained keys, to serve at a {@code jwks_uri}. HMAC keys are
     * never included.
     *
     * @return the JWKS document
     */
    public String jwksJson() {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        boolean first = true;
        for (SigningKey key : verifyingKeys()) {
            Optional<String> jwk = key.publicJwk();
            if (jwk.isPresent()) {
                json.append(first ? "" : ",").append(jwk.get());
                first = false;
            }
        }
        return json.append("]}").toString();
    }

    /** Active first, then published, then retired keys still within their retention. */
    List<SigningKey> verifyingKeys() {
        State current = current();
        List<SigningKey> keys = new ArrayList<>();
        keys.add(current.active());
        keys.addAll(current.published());
        for (Retired retired : live(current.retired())) {
            keys.add(retired.key());
        }
        return keys;
    }

    private List<Retired> live(List<Retired> retired) {
        Instant now = clock.instant();
        List<Retired> live = new ArrayList<>(retired.size());
        for (Retired entry : retired) {
            if (now.isBefore(entry.until())) {
                live.add(entry);
            }
        }
        return live;
    }

    private static boolean contains(State state, String keyId) {
        return state.active().keyId().equals(keyId)
                || state.published().stream().anyMatch(k -> k.keyId().equals(keyId))
                || state.retired().stream().anyMatch(r -> r.key().keyId().equals(keyId));
    }

    /** Configures a {@link KeyRing}. Not thread-safe. */
    public static final class Builder {
        private final SigningKey first;
        private Clock clock = Clock.systemUTC();
        private Duration retention = Duration.ofDays(1);

        private Builder(SigningKey first) {
            this.first = first;
        }

        /**
         * How long a retired key keeps verifying: at least the access-token lifetime plus verifiers' clock skew.
         *
         * @param retention between one minute and 90 days; one day by default
         * @return this builder
         */
        public Builder retainRetiredFor(Duration retention) {
            this.retention = Durations.within("retention", retention, Duration.ofMinutes(1), Duration.ofDays(90));
            return this;
        }

        /**
         * The clock retention is measured with.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the ring.
         *
         * @return the ring
         */
        public KeyRing build() {
            return new KeyRing(first, clock, retention);
        }
    }
}
