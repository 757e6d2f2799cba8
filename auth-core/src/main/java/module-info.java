import org.jspecify.annotations.NullMarked;

/**
 * JWT authentication without a framework: tokens verified by a strict parser and the JDK's signature code
 * (nimbus-jose-jwt reads JWK sets, checks ECDSA signatures and signs), with key sets and rotation, claim rules,
 * refresh tokens, revocation, API keys and password hashing.
 */
@NullMarked
module dev.groundwork.auth {
    exports dev.groundwork.auth;
    exports dev.groundwork.auth.apikey;
    exports dev.groundwork.auth.password;

    requires java.net.http;
    requires com.nimbusds.jose.jwt;
    requires com.github.benmanes.caffeine;
    requires static transitive com.google.errorprone.annotations;
    requires static transitive org.jspecify;
}
