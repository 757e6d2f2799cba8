package dev.groundwork.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a token's text, for storing refresh-token and API-key secrets as hashes. Stateless; thread-safe. */
public final class Sha256 {
    private Sha256() {}

    /**
     * Hashes ASCII text (tokens are base64url).
     *
     * @param text the text
     * @return the 32-byte digest
     */
    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
