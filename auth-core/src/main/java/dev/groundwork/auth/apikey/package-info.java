/**
 * API keys for machine clients: {@link dev.groundwork.auth.apikey.ApiKeys} creates keys of the form
 * {@code <prefix>_<id>_<secret>}, shown once, keeps only the secret's SHA-256 in an
 * {@link dev.groundwork.auth.apikey.ApiKeyStore}, and checks presented keys in constant time, answering an
 * {@link dev.groundwork.auth.apikey.ApiKeyOutcome}. Thread-safe.
 */
package dev.groundwork.auth.apikey;
