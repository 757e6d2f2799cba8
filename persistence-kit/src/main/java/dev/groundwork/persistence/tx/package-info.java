/**
 * Transactions with retry: {@link dev.groundwork.persistence.tx.TransactionTemplate} runs work in a fresh
 * {@code EntityManager} and transaction, and retries optimistic-lock, lock-timeout, serialization and deadlock
 * failures with jittered backoff. Thread-safe.
 */
package dev.groundwork.persistence.tx;
