package io.trustregistry.core.model;

/** The outcome of counting one call against a token. */
public sealed interface TokenUse {

    /** The call is allowed; it was call number {@code useNumber} (1-based) of the token. */
    record Accepted(TokenRecord token, long useNumber) implements TokenUse {
    }

    /** The token exists but its lifetime is over. */
    record Expired() implements TokenUse {
    }

    /** The token exists but has authorised its maximum number of calls. */
    record Exhausted() implements TokenUse {
    }

    /** No such token (never issued, revoked, or wiped by a reset). */
    record Unknown() implements TokenUse {
    }
}
