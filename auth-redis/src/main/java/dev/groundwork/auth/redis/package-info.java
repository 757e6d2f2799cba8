/**
 * auth-core's {@link dev.groundwork.auth.RevocationList}, {@link dev.groundwork.auth.RefreshTokenStore} and
 * {@link dev.groundwork.auth.apikey.ApiKeyStore} on Redis, for services that run as several instances; start at
 * {@link dev.groundwork.auth.redis.RedisAuth}.
 */
@NullMarked
package dev.groundwork.auth.redis;

import org.jspecify.annotations.NullMarked;
