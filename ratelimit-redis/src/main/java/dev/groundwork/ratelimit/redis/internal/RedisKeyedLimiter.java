package dev.groundwork.ratelimit.redis.internal;

import dev.groundwork.ratelimit.Algorithm;
import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.LimitStatus;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.ratelimit.RateLimitListener;
import dev.groundwork.ratelimit.redis.UnreadableStateException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Redis limiter: one {@code EVALSHA} of {@code limits.lua} per decision, falling back to {@code EVAL} (which
 * also caches the script) when Redis answers {@code NOSCRIPT}. When Redis fails or exceeds the timeout, the
 * outage policy decides, and keeps deciding without calling Redis until the retry interval has passed.
 */
public final class RedisKeyedLimiter<K> implements KeyedRateLimiter<K> {

    static final String SCRIPT = loadScript();
    private static final int MAX_KEY_LENGTH = 1_000;

    private final RedisScriptingAsyncCommands<String, String> redis;
    private final String prefix;
    private final List<Limit> limits;
    private final long timeoutNanos;
    private final OutagePolicy policy;
    private final long retryIntervalNanos;
    private final @Nullable Clock clock;
    private final RateLimitListener listener;
    private final KeyedRateLimiter<Object> fallback;
    private final Function<Object, String> keyText;
    private final String sha;
    /** Arguments after cost and time: the limit count and three numbers per limit. */
    private final String[] limitArgs;

    private final long maxCost;
    /** {@link System#nanoTime()} before which Redis is not tried again; 0 while healthy. */
    private volatile long retryAt;

    private final AtomicBoolean down = new AtomicBoolean();
    private final @Nullable DenyCache denied;

    public RedisKeyedLimiter(
            RedisScriptingAsyncCommands<String, String> redis,
            String namespace,
            List<Limit> limits,
            Duration timeout,
            OutagePolicy policy,
            Duration retryInterval,
            @Nullable Clock clock,
            RateLimitListener listener,
            KeyedRateLimiter<Object> fallback,
            Function<Object, String> keyText,
            int denyCacheKeys) {
        this.redis = redis;
        this.limits = List.copyOf(limits);
        this.timeoutNanos = timeout.toNanos();
        this.policy = policy;
        this.retryIntervalNanos = retryInterval.toNanos();
        this.clock = clock;
        this.listener = listener;
        this.fallback = fallback;
        this.keyText = keyText;
        this.denied = denyCacheKeys > 0 ? new DenyCache(denyCacheKeys) : null;
        this.sha = redis.digest(SCRIPT);
        this.limitArgs = new String[1 + 3 * this.limits.size()];
        this.limitArgs[0] = Integer.toString(this.limits.size());
        long capacity = Long.MAX_VALUE;
        for (int i = 0; i < this.limits.size(); i++) {
            Limit limit = this.limits.get(i);
            long windowMicros = limit.window().toNanos() / 1_000;
            capacity = Math.min(capacity, limit.capacity());
            if (limit.algorithm() == Algorithm.GCRA) {
                // Rounded up, like the in-process limiter, so Redis never admits more than asked.
                long interval = -Math.floorDiv(-limit.window().toNanos(), 1_000 * limit.quota());
                limitArgs[1 + 3 * i] = "1";
                limitArgs[2 + 3 * i] = Long.toString(interval);
                limitArgs[3 + 3 * i] = Long.toString(interval * limit.burst());
            } else {
                limitArgs[1 + 3 * i] = limit.algorithm() == Algorithm.FIXED_WINDOW ? "2" : "3";
                limitArgs[2 + 3 * i] = Long.toString(windowMicros);
                limitArgs[3 + 3 * i] = Long.toString(limit.quota());
            }
        }
        this.maxCost = capacity;
        this.prefix = namespace + ":" + fingerprint(limitArgs) + ":";
    }

    /**
     * Twelve hex digits of SHA-256 over the plan as the script receives it (algorithms, intervals, windows,
     * quotas, in order). Part of every key, so limiters with different plans never share a key, even in one
     * namespace: a plan's state is only ever read by the plan that wrote it.
     */
    static String fingerprint(String[] limitArgs) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", limitArgs).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The key text with {@code %} and {@code :} percent-encoded, so it holds no {@code :} and the last {@code :} of
     * a Redis key always ends the prefix: {@code namespace + fingerprint + key} maps to a Redis key one-to-one.
     */
    static String escape(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) != ':' && text.charAt(i) != '%') {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                out.append("%3A");
            } else if (c == '%') {
                out.append("%25");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String loadScript() {
        try (InputStream in = RedisKeyedLimiter.class.getResourceAsStream("limits.lua")) {
            if (in == null) {
                throw new IllegalStateException("limits.lua is missing from the ratelimit-redis jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean tryConsume(K key, long cost) {
        return tryAcquire(key, cost).allowed();
    }

    @Override
    public Decision tryAcquire(K key, long cost) {
        String redisKey = redisKey(key);
        checkCost(cost);
        long sent = localMicros();
        Decision local = decideWithoutRedis(key, redisKey, cost, sent);
        if (local != null) {
            return local;
        }
        String[] keys = {redisKey};
        String[] args = args(cost, sent);
        Future<List<Object>> reply = redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        try {
            List<Object> result = await(reply);
            return answered(key, redisKey, cost, sent, result);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                try {
                    return answered(
                            key, redisKey, cost, sent, await(redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, args)));
                } catch (ExecutionException | TimeoutException again) {
                    return outage(key, cost, again instanceof ExecutionException ? again.getCause() : again);
                }
            }
            return outage(key, cost, e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(true);
            return outage(key, cost, e);
        } catch (RuntimeException e) {
            return outage(key, cost, e);
        }
    }

    @Override
    public CompletionStage<Decision> tryAcquireAsync(K key, long cost) {
        String redisKey = redisKey(key);
        checkCost(cost);
        long sent = localMicros();
        Decision local = decideWithoutRedis(key, redisKey, cost, sent);
        if (local != null) {
            return CompletableFuture.completedFuture(local);
        }
        String[] keys = {redisKey};
        String[] args = args(cost, sent);
        CompletableFuture<List<Object>> reply = redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture()
                .exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                        ? redis.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args)
                                .toCompletableFuture()
                        : CompletableFuture.failedFuture(failure))
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        return reply.handle((result, failure) ->
                failure == null ? answered(key, redisKey, cost, sent, result) : outage(key, cost, unwrap(failure)));
    }

    @Override
    public List<Limit> limits() {
        return limits;
    }

    private String redisKey(K key) {
        Objects.requireNonNull(key, "key");
        String text = keyText.apply(key);
        if (text.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "key text is " + text.length() + " characters; at most " + MAX_KEY_LENGTH + " are allowed");
        }
        return prefix + escape(text);
    }

    private void checkCost(long cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, got " + cost);
        }
        if (cost > maxCost) {
            throw new IllegalArgumentException(
                    "cost " + cost + " exceeds the smallest capacity " + maxCost + "; it could never be admitted");
        }
    }

    /** Script arguments; {@code nowMicros} is sent only when decisions use the caller's clock. */
    private String[] args(long cost, long nowMicros) {
        String[] args = new String[2 + limitArgs.length];
        args[0] = Long.toString(cost);
        args[1] = clock == null ? "" : Long.toString(nowMicros);
        System.arraycopy(limitArgs, 0, args, 2, limitArgs.length);
        return args;
    }

    private <T> T await(Future<T> future) throws ExecutionException, TimeoutException {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ExecutionException(e);
        }
    }

    private boolean skipRedis() {
        long until = retryAt;
        return until != 0 && System.nanoTime() - until < 0;
    }

    /**
     * The decision when Redis need not or should not be asked: a remembered refusal, or the outage policy inside
     * the retry interval after a failure; null to ask Redis.
     */
    private @Nullable Decision decideWithoutRedis(K key, String redisKey, long cost, long nowMicros) {
        Decision cached = denied == null ? null : denied.lookup(redisKey, cost, nowMicros);
        if (cached != null) {
            listener.onRefused(
                    key, cost, Objects.requireNonNull(cached.binding()).limit());
            return cached;
        }
        return skipRedis() ? outage(key, cost, null) : null;
    }

    /** Microseconds on the clock decisions are made with: the caller's clock if set, else a monotonic one. */
    private long localMicros() {
        if (clock == null) {
            return System.nanoTime() / 1_000;
        }
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private Decision answered(K key, String redisKey, long cost, long sentMicros, List<Object> result) {
        if (down.compareAndSet(true, false)) {
            retryAt = 0;
            listener.onBackendRecovered();
        }
        long verdict = (Long) result.get(0);
        if (verdict < 0) {
            // The server is fine; this one key holds what this plan cannot read. Only this decision follows the
            // outage policy: no retry interval starts, and other keys go on through Redis.
            return decideByPolicy(key, cost, new UnreadableStateException(redisKey, verdict == -2));
        }
        boolean allowed = verdict == 1L;
        List<LimitStatus> statuses = new ArrayList<>(limits.size());
        long wait = 0;
        for (int i = 0; i < limits.size(); i++) {
            long remaining = (Long) result.get(1 + 3 * i);
            long reset = (Long) result.get(2 + 3 * i);
            long retry = allowed ? 0 : (Long) result.get(3 + 3 * i);
            wait = Math.max(wait, retry);
            statuses.add(new LimitStatus(
                    limits.get(i),
                    Math.max(0, remaining),
                    Duration.ofNanos(Math.max(0, reset) * 1_000),
                    Duration.ofNanos(Math.max(0, retry) * 1_000)));
        }
        Decision decision = new Decision(
                allowed,
                cost,
                statuses,
                allowed ? Duration.ZERO : Duration.ofNanos(Math.max(1, wait) * 1_000),
                Decision.Source.LIMITER);
        if (allowed) {
            listener.onAllowed(key, cost);
        } else {
            LimitStatus binding = Objects.requireNonNull(decision.binding());
            listener.onRefused(key, cost, binding.limit());
            if (denied != null) {
                denied.remember(redisKey, cost, sentMicros, decision);
            }
        }
        return decision;
    }

    /** Decides by the outage policy; {@code cause} is null when Redis was skipped inside the retry interval. */
    private Decision outage(K key, long cost, @Nullable Throwable cause) {
        if (cause != null) {
            retryAt = System.nanoTime() + retryIntervalNanos;
            down.set(true);
            listener.onBackendFailure(cause, policy);
        }
        return byPolicy(key, cost);
    }

    /** Decides one key by the outage policy after a failure of that key alone; Redis stays in use for others. */
    private Decision decideByPolicy(K key, long cost, RuntimeException cause) {
        listener.onBackendFailure(cause, policy);
        return byPolicy(key, cost);
    }

    private Decision byPolicy(K key, long cost) {
        switch (policy) {
            case FAIL_OPEN -> {
                listener.onAllowed(key, cost);
                return new Decision(true, cost, List.of(), Duration.ZERO, Decision.Source.FAIL_OPEN);
            }
            case FAIL_CLOSED -> {
                Limit first = limits.get(0);
                listener.onRefused(key, cost, first);
                return new Decision(
                        false, cost, List.of(), Duration.ofNanos(retryIntervalNanos), Decision.Source.FAIL_CLOSED);
            }
            default -> {
                Decision local;
                try {
                    local = fallback.tryAcquire(key, cost);
                } catch (IllegalArgumentException costAboveTheLocalShare) {
                    listener.onRefused(key, cost, limits.get(0));
                    return new Decision(
                            false,
                            cost,
                            List.of(),
                            Duration.ofNanos(retryIntervalNanos),
                            Decision.Source.LOCAL_FALLBACK);
                }
                return new Decision(
                        local.allowed(), cost, local.limits(), local.retryAfter(), Decision.Source.LOCAL_FALLBACK);
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return "RedisKeyedLimiter[" + prefix + "*, " + limits + ", " + policy + "]";
    }
}
