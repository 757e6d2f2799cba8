package dev.groundwork.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast a write on one instance reaches another instance's local cache, by the two mechanisms Redis offers:
 * pub/sub (what cache-redis uses: the write and a {@code PUBLISH} in one script) and server-assisted client-side
 * caching ({@code CLIENT TRACKING} in broadcast mode over RESP3: the write alone, Redis pushes the invalidation).
 * Each operation writes a key on one connection and waits until the other connection has heard of it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CacheInvalidationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheInvalidationBenchmark {

    private static final String WRITE_AND_PUBLISH =
            "redis.call('SET', KEYS[1], ARGV[1])\n" + "redis.call('PUBLISH', ARGV[2], KEYS[1])\n" + "return 1";

    private LocalRedis server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> writer;
    private RedisCommands<String, String> write;
    private StatefulRedisPubSubConnection<String, String> subscriber;
    private StatefulRedisConnection<String, String> tracking;
    private String sha;
    private volatile CompletableFuture<String> heard = new CompletableFuture<>();
    private long sequence;

    @Setup
    public void setUp() throws IOException {
        server = LocalRedis.start();
        int port = server.port();
        client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        writer = client.connect();
        write = writer.sync();
        sha = write.scriptLoad(WRITE_AND_PUBLISH);

        subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                heard.complete(message);
            }
        });
        subscriber.sync().subscribe("invalidations");

        tracking = client.connect(); // RESP3 by default on Redis 6+: invalidations arrive as push messages
        tracking.addListener(message -> {
            if (message.getType().equals("invalidate")) {
                heard.complete("tracked");
            }
        });
        tracking.sync().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes("tracked:"));
    }

    @TearDown
    public void tearDown() throws IOException {
        tracking.close();
        subscriber.close();
        writer.close();
        client.shutdown();
        server.stop();
    }

    /** cache-redis's way: one script writes the key and publishes it; the subscriber hears the message. */
    @Benchmark
    public String pubSub() {
        CompletableFuture<String> next = new CompletableFuture<>();
        heard = next;
        String key = "published:" + (sequence++ & 1023);
        write.evalsha(sha, ScriptOutputType.INTEGER, new String[] {key}, "v", "invalidations");
        return next.join();
    }

    /** Client tracking (broadcast, prefix {@code tracked:}): a plain write; Redis pushes the invalidation. */
    @Benchmark
    public String clientTracking() {
        CompletableFuture<String> next = new CompletableFuture<>();
        heard = next;
        write.set("tracked:" + (sequence++ & 1023), "v");
        return next.join();
    }

    /** The floor: the write alone, nobody waiting for an invalidation. */
    @Benchmark
    public String writeOnly() {
        return write.set("alone:" + (sequence++ & 1023), "v");
    }
}
