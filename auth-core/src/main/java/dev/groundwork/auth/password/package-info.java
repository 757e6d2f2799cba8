/**
 * Password hashing: {@link dev.groundwork.auth.password.PasswordHasher} stores PBKDF2-HMAC-SHA256 hashes as PHC
 * strings (600 000 iterations by default, OWASP 2023), verifies in constant time, and says when a stored hash
 * needs rehashing at a higher cost. Thread-safe.
 */
package dev.groundwork.auth.password;
