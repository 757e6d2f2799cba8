package dev.groundwork.auth.password;

import com.google.errorprone.annotations.CheckReturnValue;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Password hashing for the login that issues tokens: PBKDF2-HMAC-SHA256 from the JDK at the OWASP-recommended
 * 600 000 iterations (Password Storage Cheat Sheet, 2023), a 16-byte random salt and a 32-byte hash, written as a
 * PHC string ({@code $pbkdf2-sha256$i=600000$<salt>$<hash>}, standard base64 without padding).
 *
 * <p>{@link #verify} also says when a stored hash was made with fewer iterations than this hasher uses, so the
 * caller can rehash on the next successful login. PBKDF2 comes with every JDK; Argon2id would need a native or
 * third-party library, which this module avoids.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.owaspDefault();
 * String stored = hasher.hash(password);
 * PasswordHasher.Match match = hasher.verify(attempt, stored);
 * if (match.matches() && match.needsRehash()) {
 *     save(hasher.hash(attempt));
 * }
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class PasswordHasher {
    /** The OWASP 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int OWASP_ITERATIONS = 600_000;

    private static final String ID = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MAX_PASSWORD_CHARS = 4096;
    private static final int MAX_STORED_ITERATIONS = 10_000_000;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int iterations;

    private PasswordHasher(int iterations) {
        this.iterations = iterations;
    }

    /**
     * A hasher at {@link #OWASP_ITERATIONS}.
     *
     * @return the hasher
     */
    public static PasswordHasher owaspDefault() {
        return new PasswordHasher(OWASP_ITERATIONS);
    }

    /**
     * A hasher at another cost, such as a higher one for a fast machine, or a low one in tests.
     *
     * @param iterations between 10 000 and 10 000 000
     * @return the hasher
     * @throws IllegalArgumentException when outside that range
     */
    public static PasswordHasher withIterations(int iterations) {
        if (iterations < 10_000 || iterations > MAX_STORED_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 10000 and 10000000: " + iterations);
        }
        return new PasswordHasher(iterations);
    }

    /**
     * The outcome of {@link #verify}.
     *
     * @param matches whether the password is right
     * @param needsRehash whether the stored hash is weaker than this hasher's (rehash after a successful login)
     */
    public record Match(boolean matches, boolean needsRehash) {}

    /**
     * Hashes a password with a fresh salt.
     *
     * @param password the password (1 to 4096 characters); not retained
     * @return the PHC string to store
     * @throws IllegalArgumentException when the password is empty or too long
     */
    public String hash(char[] password) {
        checkPassword(password);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BYTES);
        return "$" + ID + "$i=" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Checks a password against a stored PHC string, in constant time for equal-length hashes.
     *
     * @param password the attempt; an empty or over-long attempt never matches
     * @param stored the PHC string from {@link #hash}
     * @return whether it matches, and whether the stored hash should be upgraded
     * @throws IllegalArgumentException when the stored string is not a PBKDF2-SHA256 PHC string this class can read
     *     (a data error, not a wrong password)
     */
    @CheckReturnValue
    public Match verify(char @Nullable [] password, String stored) {
        Objects.requireNonNull(stored, "stored");
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals(ID) || !parts[2].startsWith("i=")) {
            throw new IllegalArgumentException("not a $" + ID + "$ PHC string");
        }
        int storedIterations;
        byte[] salt;
        byte[] expected;
        try {
            storedIterations = Integer.parseInt(parts[2].substring(2));
            salt = B64_DECODER.decode(parts[3]);
            expected = B64_DECODER.decode(parts[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + ID + " PHC string", e);
        }
        if (storedIterations < 1
                || storedIterations > MAX_STORED_ITERATIONS
                || salt.length < 8
                || expected.length < 16
                || expected.length > 64) {
            throw new IllegalArgumentException("unsupported " + ID + " parameters");
        }
        boolean needsRehash = storedIterations < iterations || expected.length < HASH_BYTES;
        if (password == null || password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            return new Match(false, needsRehash);
        }
        byte[] actual = derive(password, salt, storedIterations, expected.length);
        return new Match(MessageDigest.isEqual(actual, expected), needsRehash);
    }

    private static void checkPassword(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password must have 1 to " + MAX_PASSWORD_CHARS + " characters");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHasher[" + ID + ", iterations=" + iterations + "]";
    }
}
