/**
 * HTTP caching for handlers without a framework: {@link dev.groundwork.cache.http.EntityTag entity tags},
 * conditional requests evaluated in RFC 9110's order ({@link dev.groundwork.cache.http.ConditionalRequest}), HTTP
 * dates, and {@link dev.groundwork.cache.http.CacheControl} fields. Stateless or immutable; thread-safe.
 */
package dev.groundwork.cache.http;
