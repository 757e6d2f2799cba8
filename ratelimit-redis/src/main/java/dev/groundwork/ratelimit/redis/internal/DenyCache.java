package dev.groundwork.ratelimit.redis.internal;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.LimitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Refusals remembered per key until their retry time (Envoy's over-limit local cache). Exact in the direction that
 * matters: between a refusal and its retry time other instances can only take more units, so the store would
 * refuse the same or a larger cost too; and the retry time is counted from when the request was sent, before the
 * store decided, so the cache stops answering no later than the store would start admitting. A smaller cost goes to
 * the store. The statuses of a cached refusal are the store's, aged by the time since: remaining counts can be
 * slightly low. Bounded: when full, expired entries are dropped and new refusals are not remembered.
 */
final class DenyCache {

    private record Denial(long cost, long sentMicros, long untilMicros, Decision decision) {}

    private final ConcurrentHashMap<String, Denial> denials = new ConcurrentHashMap<>();
    private final int maxKeys;

    DenyCache(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** The cached refusal for this key and cost at {@code nowMicros}, or null to ask the store. */
    @Nullable
    Decision lookup(String key, long cost, long nowMicros) {
        Denial denial = denials.get(key);
        if (denial == null) {
            return null;
        }
        if (nowMicros >= denial.untilMicros()) {
            denials.remove(key, denial);
            return null;
        }
        if (cost < denial.cost()) {
            return null;
        }
        Duration elapsed = Duration.ofNanos((nowMicros - denial.sentMicros()) * 1_000);
        List<LimitStatus> aged = new ArrayList<>(denial.decision().limits().size());
        for (LimitStatus status : denial.decision().limits()) {
            aged.add(new LimitStatus(
                    status.limit(),
                    status.remaining(),
                    minus(status.resetAfter(), elapsed),
                    minus(status.retryAfter(), elapsed)));
        }
        return new Decision(
                false,
                cost,
                aged,
                Duration.ofNanos((denial.untilMicros() - nowMicros) * 1_000),
                Decision.Source.CACHED_REFUSAL);
    }

    /** Remembers a refusal of a request sent at {@code sentMicros}. */
    void remember(String key, long cost, long sentMicros, Decision refused) {
        if (denials.size() >= maxKeys) {
            denials.values().removeIf(d -> d.untilMicros() <= sentMicros);
            if (denials.size() >= maxKeys) {
                return;
            }
        }
        long until = sentMicros + refused.retryAfter().toNanos() / 1_000;
        denials.put(key, new Denial(cost, sentMicros, until, refused));
    }

    private static Duration minus(Duration d, Duration elapsed) {
        Duration left = d.minus(elapsed);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
