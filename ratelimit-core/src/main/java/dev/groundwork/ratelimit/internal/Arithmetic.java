package dev.groundwork.ratelimit.internal;

import java.math.BigInteger;

/** Exact integer helpers: window arithmetic multiplies counts by nanoseconds, which can exceed a long. */
final class Arithmetic {

    private Arithmetic() {}

    /**
     * {@code floor(a * b / c)} for non-negative arguments and {@code c > 0}, exact even when {@code a * b} overflows,
     * and {@link Long#MAX_VALUE} when the quotient itself does not fit (callers compare it with a window, which any
     * such quotient exceeds).
     */
    static long mulDivFloor(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return low / c;
        }
        BigInteger quotient =
                BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
        return quotient.bitLength() < Long.SIZE ? quotient.longValue() : Long.MAX_VALUE;
    }

    /** {@code ceil(a * b / c)} for non-negative arguments and {@code c > 0}, exact. */
    static long mulDivCeil(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return -Math.floorDiv(-low, c);
        }
        BigInteger[] qr =
                BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }
}
