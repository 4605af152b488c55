package io.trustregistry.core.port.out;

/** The argument rules every {@link io.trustregistry.core.port.out.SecretStore} enforces alike. */
public final class SecretNames {

    /** The shortest secret a store hands out. */
    public static final int MIN_BYTES = 32;

    private SecretNames() {
    }

    /** @throws IllegalArgumentException for a malformed name or a length below {@link #MIN_BYTES} */
    public static void check(String name, int bytes) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a secret's name is lower-case letters, digits and dashes: " + name);
        }
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("a secret must be at least " + MIN_BYTES + " bytes, not " + bytes);
        }
    }
}
