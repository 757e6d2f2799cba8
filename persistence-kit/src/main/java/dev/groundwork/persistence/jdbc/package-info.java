/**
 * Statement counting for tests: {@link dev.groundwork.persistence.jdbc.StatementCounter} wraps a
 * {@code DataSource} and records the statements a block of code sends, so a test can assert one query per page
 * and catch N+1 loads. Thread-safe.
 */
package dev.groundwork.persistence.jdbc;
