package io.trustregistry.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Which part of an artifact to download.
 * <ul>
 *   <li>{@code full}: every stored file of the artifact;</li>
 *   <li>{@code weights}: its weight files;</li>
 *   <li>{@code datasets}: its data files, and for a model the bundles of its registered linked
 *       datasets (under {@code datasets/<name>/});</li>
 *   <li>{@code code}: its code files, and for a model the bundles of its registered linked code
 *       repositories (under {@code code/<name>/}).</li>
 * </ul>
 */
public enum DownloadAspect {
    FULL,
    WEIGHTS,
    DATASETS,
    CODE;

    /** Lower-case query spelling. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the query spelling, case-insensitively. */
    public static Optional<DownloadAspect> fromWireName(String text) {
        for (DownloadAspect aspect : values()) {
            if (aspect.wireName().equalsIgnoreCase(text)) {
                return Optional.of(aspect);
            }
        }
        return Optional.empty();
    }
}
