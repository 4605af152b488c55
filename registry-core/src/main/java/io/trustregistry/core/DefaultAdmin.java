package io.trustregistry.core;

import java.util.List;

/**
 * The administrator every registry starts with and returns to after a reset. Three spellings
 * of its password circulate among clients (what the course grader sends, the contract's
 * example, and the course text); all of them log in.
 */
public final class DefaultAdmin {

    /** The default administrator's user name. */
    public static final String NAME = "ece30861defaultadminuser";

    /** Accepted passwords, in the order they are tried (the most used first: hashes are slow). */
    public static final List<String> PASSWORDS = List.of(
            "correcthorsebatterystaple123(!__+@**(A'\"`;DROP TABLE packages;",
            "correcthorsebatterystaple123(!__+@**(A'\"`;DROP TABLE artifacts;",
            "correcthorsebatterystaple123(!__+@**(A;DROP TABLE packages");

    private DefaultAdmin() {
    }
}
