package io.trustregistry.core.service;

import java.util.List;
import java.util.Optional;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.ListArtifactsUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.RegistrySettings;

/**
 * Pages through the union of queries in id order. The offset a client sends back is the
 * cursor of the previous page (the last id seen), which keeps each page's cost proportional to
 * the page. Clients that count positions instead ("3") are served too: short all-digit offsets
 * are read as positions and skipped with keyset pages, so even a huge one ends quickly.
 */
public final class ListArtifactsService implements ListArtifactsUseCase {

    /** Offsets of at most this many digits are positions; generated ids have 19. */
    static final int MAX_POSITION_DIGITS = 9;
    private static final int SKIP_CHUNK = 1000;

    private final ArtifactCatalog catalog;
    private final RegistrySettings settings;

    public ListArtifactsService(ArtifactCatalog catalog, RegistrySettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    @Override
    public ArtifactPage list(Principal caller, List<ArtifactQuery> queries, Optional<String> offset) {
        AccessGuard.require(caller, Permission.SEARCH);
        if (queries.isEmpty()) {
            throw new InvalidRequestException("the request must hold at least one artifact query");
        }
        if (queries.size() > settings.maxQueries()) {
            throw new InvalidRequestException("at most " + settings.maxQueries() + " queries per request");
        }
        String raw = offset.map(String::strip).orElse("");
        if (raw.isEmpty()) {
            return catalog.page(queries, Optional.empty(), settings.pageSize());
        }
        if (raw.length() <= MAX_POSITION_DIGITS && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return pageAtPosition(queries, Integer.parseInt(raw));
        }
        if (!ArtifactId.isWellFormed(raw) || raw.matches("-[0-9]+")) {
            throw new InvalidRequestException("'offset' must be the value of a previous response's offset header"
                    + " or a non-negative number");
        }
        return catalog.page(queries, Optional.of(new ArtifactId(raw)), settings.pageSize());
    }

    private ArtifactPage pageAtPosition(List<ArtifactQuery> queries, int position) {
        Optional<ArtifactId> after = Optional.empty();
        int remaining = position;
        while (remaining > 0) {
            ArtifactPage skipped = catalog.page(queries, after, Math.min(SKIP_CHUNK, remaining));
            remaining -= skipped.items().size();
            if (skipped.nextCursor().isEmpty()) {
                return new ArtifactPage(List.of(), Optional.empty());
            }
            after = skipped.nextCursor();
        }
        return catalog.page(queries, after, settings.pageSize());
    }
}
