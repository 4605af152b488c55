package io.trustregistry.core.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.SearchArtifactsByRegexUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;

/**
 * Regular-expression search over names and READMEs with RE2/J, whose matching time is linear
 * in the text: patterns such as {@code (a+)+$} cannot backtrack. Two further guards keep a
 * hostile pattern from costing much: its length is capped, and counted repetitions whose
 * product would blow up the compiled program are refused before compiling. A scan that
 * outlives the time budget stops and answers 400 rather than keep the client waiting.
 */
public final class SearchArtifactsByRegexService implements SearchArtifactsByRegexUseCase {

    /** Largest product of nested counted repetitions, RE2's own limit. */
    static final long MAX_REPETITION_PRODUCT = 1000;

    private final ArtifactCatalog catalog;
    private final RegistrySettings settings;

    public SearchArtifactsByRegexService(ArtifactCatalog catalog, RegistrySettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    @Override
    public List<ArtifactMetadata> search(Principal caller, String regex) {
        AccessGuard.require(caller, Permission.SEARCH);
        Pattern pattern = compile(regex, settings.maxRegexLength());
        long deadline = System.nanoTime() + settings.regexTimeBudget().toNanos();
        List<ArtifactMetadata> found = new ArrayList<>();
        boolean[] timedOut = {false};
        catalog.scan(record -> {
            if (System.nanoTime() > deadline) {
                timedOut[0] = true;
                return false;
            }
            if (pattern.matcher(record.name().value()).find() || pattern.matcher(record.evidence().readme()).find()) {
                found.add(record.metadata());
            }
            return true;
        });
        if (timedOut[0]) {
            throw new InvalidRequestException("the search did not finish within "
                    + format(settings.regexTimeBudget()) + "; use a more selective pattern");
        }
        if (found.isEmpty()) {
            throw new NotFoundException("no artifact name or README matches the pattern");
        }
        return found;
    }

    /** Compiles {@code regex} or explains in a 400 why it cannot be used. */
    static Pattern compile(String regex, int maxLength) {
        if (regex == null || regex.isEmpty()) {
            throw new InvalidRequestException("'regex' must be a non-empty regular expression");
        }
        if (regex.length() > maxLength) {
            throw new InvalidRequestException("'regex' is longer than " + maxLength + " characters");
        }
        if (RepetitionBudget.product(regex) > MAX_REPETITION_PRODUCT) {
            throw new InvalidRequestException("'regex' nests counted repetitions too deeply (their product exceeds "
                    + MAX_REPETITION_PRODUCT + ")");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidRequestException("'regex' is not a valid RE2 regular expression: " + e.getDescription()
                    + " (lookaround and backreferences are not supported)");
        }
    }

    private static String format(Duration budget) {
        return budget.toMillis() + " ms";
    }
}
