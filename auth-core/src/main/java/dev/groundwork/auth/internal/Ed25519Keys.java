package dev.groundwork.auth.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 public keys from the raw 32-byte {@code x} of an OKP JWK (RFC 8037), through the JDK's own EdDSA
 * provider (Java 15+), so EdDSA needs no extra library. Stateless; thread-safe.
 */
public final class Ed25519Keys {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), RFC 8410 §4. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /** The raw public key length. */
    public static final int KEY_BYTES = 32;

    private Ed25519Keys() {}

    /**
     * Builds the JDK public key.
     *
     * @param x the raw 32-byte public key
     * @return the key
     * @throws GeneralSecurityException when the bytes are not an Ed25519 public key
     */
    public static PublicKey fromRaw(byte[] x) throws GeneralSecurityException {
        if (x.length != KEY_BYTES) {
            throw new GeneralSecurityException("Ed25519 public key must be 32 bytes, got " + x.length);
        }
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
        System.arraycopy(x, 0, der, SPKI_PREFIX.length, KEY_BYTES);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    /**
     * The raw 32-byte form of a JDK Ed25519 public key.
     *
     * @param key the key
     * @return its raw bytes
     * @throws GeneralSecurityException when the key is not an Ed25519 key
     */
    public static byte[] toRaw(PublicKey key) throws GeneralSecurityException {
        byte[] der = key.getEncoded();
        if (der == null
                || der.length != SPKI_PREFIX.length + KEY_BYTES
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new GeneralSecurityException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }
}
