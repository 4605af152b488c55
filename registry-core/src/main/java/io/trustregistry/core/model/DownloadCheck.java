package io.trustregistry.core.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when a sensitive model was downloaded: one line of its download history,
 * carried by the audit entry of the attempt.
 *
 * @param outcome  whether the download went ahead
 * @param request  what was asked for: {@code full}, {@code weights}, ... or {@code file <path>}
 * @param exitCode the monitor's exit code; empty when no monitor ran or it did not exit by itself
 * @param reason   why, in words: {@code exit 0}, {@code exit 3}, {@code timed out after 10 s},
 *                 {@code no monitor program}, or why no monitor could run
 * @param output   the start of the monitor's standard output (capped by the sandbox)
 */
public record DownloadCheck(Outcome outcome, String request, Optional<Integer> exitCode, String reason, String output) {

    /** Whether a download went ahead. */
    public enum Outcome {
        /** The monitor exited 0, or the model has no monitor. */
        ALLOWED,
        /** The monitor exited with another code, or was stopped (time, memory). */
        REJECTED,
        /** No monitor could run (runtime missing, all slots busy, store unreachable): refused with 503. */
        FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Outcome> fromWireName(String text) {
            for (Outcome o : values()) {
                if (o.wireName().equals(text)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    public DownloadCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(output, "output");
    }
}
