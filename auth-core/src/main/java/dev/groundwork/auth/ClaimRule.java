package dev.groundwork.auth;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A custom check run on a token after its signature and the standard claims have passed. A rule that returns
 * false, or throws, rejects the token with {@link VerificationOutcome.Reason#INVALID_CLAIM} and its description as detail.
 *
 * <pre>{@code
 * ClaimRule tenant = ClaimRule.of(
 *         "tenant is acme",
 *         token -> token.claim("tenant", String.class)
 *                 .filter("acme"::equals)
 *                 .isPresent());
 * }</pre>
 *
 * @param description what the rule demands, shown in rejections
 * @param test the check; must be thread-safe
 */
public record ClaimRule(String description, Predicate<AccessToken> test) {
    /**
     * Checks the components.
     *
     * @param description what the rule demands
     * @param test the check
     */
    public ClaimRule {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(test, "test");
    }

    /**
     * A rule.
     *
     * @param description what the rule demands, shown in rejections
     * @param test the check; must be thread-safe
     * @return the rule
     */
    public static ClaimRule of(String description, Predicate<AccessToken> test) {
        return new ClaimRule(description, test);
    }
}
