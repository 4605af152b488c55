package io.trustregistry.core.model;

import java.util.Locale;
import java.util.Optional;

/** What a user may do. {@link #ADMIN} implies every other permission. */
public enum Permission {
    /** Register, update and delete artifacts. */
    UPLOAD,
    /** Enumerate, search, read, rate, cost, lineage, license check and audit. */
    SEARCH,
    /** Download stored artifact bundles. */
    DOWNLOAD,
    /** Manage users and reset the registry. */
    ADMIN;

    /** Lower-case REST spelling. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the REST spelling, case-insensitively. */
    public static Optional<Permission> fromWireName(String text) {
        for (Permission p : values()) {
            if (p.wireName().equalsIgnoreCase(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
