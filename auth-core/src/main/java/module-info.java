import org.jspecify.annotations.NullMarked;

/**
 * JWT authentication without a framework: verify and issue tokens on nimbus-jose-jwt, with key sets and
 * rotation, claim rules, refresh tokens, revocation and API keys.
 */
@NullMarked
module dev.groundwork.auth {
    exports dev.groundwork.auth;

    requires java.net.http;
    requires com.nimbusds.jose.jwt;
    requires com.github.benmanes.caffeine;
    requires static transitive com.google.errorprone.annotations;
    requires static transitive org.jspecify;
}
