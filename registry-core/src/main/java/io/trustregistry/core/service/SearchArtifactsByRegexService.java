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
import io.trustregistry.core.RegistrySettings;
import io.trustregistry.core.search.RepetitionBudget;

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
    /**
     * Searches running at once: each may take a core for its whole budget, and the rest of the
     * API must keep its cores. A search that cannot start within its budget answers 503.
     */
    private final java.util.concurrent.Semaphore running = new java.util.concurrent.Semaphore(
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    public SearchArtifactsByRegexService(ArtifactCatalog catalog, RegistrySettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    /** Thrown from inside a match that outlives the deadline (RE2/J reads its input through charAt). */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super("regex search out of time", null, false, false);
        }
    }

    /**
     * Text whose reading stops with {@link OutOfTime} past {@code deadline}, so that one long
     * README cannot hold a search beyond its budget (the deadline is otherwise only seen
     * between artifacts).
     */
    private record Timed(CharSequence text, long deadline, int[] reads) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xFFF) == 0 && System.nanoTime() > deadline) {
                throw new OutOfTime();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Timed(text.subSequence(start, end), deadline, reads);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    @Override
    public List<ArtifactMetadata> search(Principal caller, String regex) {
        AccessGuard.require(caller, Permission.SEARCH);
        Pattern pattern = compile(regex, settings.maxRegexLength());
        long deadline = System.nanoTime() + settings.regexTimeBudget().toNanos();
        try {
            if (!running.tryAcquire(settings.regexTimeBudget().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw new io.trustregistry.core.error.DependencyUnavailableException("too many regex searches are"
                        + " running at once; retry in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.trustregistry.core.error.DependencyUnavailableException("interrupted while waiting to search",
                    e);
        }
        List<ArtifactMetadata> found = new ArrayList<>();
        boolean[] timedOut = {false};
        int[] reads = {0};
        try {
            catalog.scan(record -> {
                if (System.nanoTime() > deadline) {
                    timedOut[0] = true;
                    return false;
                }
                try {
                    if (pattern.matcher(record.name().value()).find()
                            || pattern.matcher(new Timed(record.evidence().readme(), deadline, reads)).find()) {
                        found.add(record.metadata());
                    }
                } catch (OutOfTime late) {
                    timedOut[0] = true;
                    return false;
                }
                return true;
            });
        } finally {
            running.release();
        }
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
