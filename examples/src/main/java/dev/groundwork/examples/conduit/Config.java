package dev.groundwork.examples.conduit;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the service runs, from the environment.
 *
 * @param host the address to listen on ({@code CONDUIT_HOST}, default {@code 127.0.0.1})
 * @param port the port ({@code CONDUIT_PORT}, default 8080; 0 picks a free one)
 * @param dataDir where the embedded database and the signing secret live ({@code CONDUIT_DATA}, default
 *     {@code conduit-data})
 * @param jdbcUrl a PostgreSQL to use instead of the embedded one ({@code CONDUIT_JDBC_URL}), with
 *     {@code CONDUIT_JDBC_USER} and {@code CONDUIT_JDBC_PASSWORD}
 * @param jdbcUser the user for {@code jdbcUrl}
 * @param jdbcPassword the password for {@code jdbcUrl}
 * @param requestsPerSecond each client's sustained rate ({@code CONDUIT_RATE_PER_SECOND}, default 50; a client is
 *     its token's user, or its IP address without a token), with bursts of twice that
 * @param countStatements whether each answer carries {@code X-SQL-Statements}, the number of SQL statements it took
 *     ({@code CONDUIT_COUNT_STATEMENTS=true}; for tests and diagnosis)
 * @param redisUrl a Redis shared by several instances ({@code CONDUIT_REDIS_URL}, {@code redis://host:port}): rate
 *     limits, revocations, refresh tokens and the article and profile caches then live there; without it, in this
 *     process
 */
public record Config(
        String host,
        int port,
        Path dataDir,
        @Nullable String jdbcUrl,
        @Nullable String jdbcUser,
        @Nullable String jdbcPassword,
        int requestsPerSecond,
        boolean countStatements,
        @Nullable String redisUrl) {

    /**
     * The configuration the environment gives.
     *
     * @param env the environment, such as {@code System.getenv()}
     * @return the configuration
     * @throws IllegalArgumentException for a port that is not a number from 0 to 65535, or a rate that is not one
     *     from 1 to 1000000
     */
    public static Config fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault("CONDUIT_PORT", "8080");
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CONDUIT_PORT is not a port number: " + port, e);
        }
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("CONDUIT_PORT is not a port number: " + port);
        }
        return new Config(
                env.getOrDefault("CONDUIT_HOST", "127.0.0.1"),
                number,
                Path.of(env.getOrDefault("CONDUIT_DATA", "conduit-data")).toAbsolutePath(),
                env.get("CONDUIT_JDBC_URL"),
                env.get("CONDUIT_JDBC_USER"),
                env.get("CONDUIT_JDBC_PASSWORD"),
                positive(env, "CONDUIT_RATE_PER_SECOND", 50),
                Boolean.parseBoolean(env.getOrDefault("CONDUIT_COUNT_STATEMENTS", "false")),
                redisUrl(env.get("CONDUIT_REDIS_URL")));
    }

    private static @Nullable String redisUrl(@Nullable String url) {
        if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("CONDUIT_REDIS_URL must start with redis:// or rediss://: " + url);
        }
        return url;
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to 1000000: " + value);
    }
}
