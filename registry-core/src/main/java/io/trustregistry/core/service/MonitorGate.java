package io.trustregistry.core.service;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import io.trustregistry.core.content.StoredZip;
import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.DownloadRejectedException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.DownloadCheck;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.out.MonitorSandbox;

/**
 * The check every download of a sensitive model passes before anything is answered: its monitor
 * program runs over the zip the download would serve, in the {@link MonitorSandbox}, and the
 * attempt (allowed, rejected or failed) becomes a line of the model's download history.
 */
final class MonitorGate {

    /** The most monitor output one history line keeps; the error message carries what the sandbox kept. */
    static final int HISTORY_OUTPUT_CHARS = 2000;

    private final MonitorSandbox sandbox;
    private final Auditor auditor;

    MonitorGate(MonitorSandbox sandbox, Auditor auditor) {
        this.sandbox = sandbox;
        this.auditor = auditor;
    }

    /**
     * Lets a download of {@code model} (which must be sensitive) go ahead, recording it; or refuses it.
     *
     * @param request what is downloaded, in words ({@code full}, {@code file config.json})
     * @param zip     the zip the download would serve (for one file, a zip of that file)
     * @throws DownloadRejectedException if the monitor did not exit 0
     * @throws DependencyUnavailableException if the monitor could not run, or the zip could not be written
     */
    void admit(Principal caller, ArtifactRecord model, String request, StoredZip zip) {
        Optional<MonitorProgram> program = model.sensitivity().flatMap(s -> s.monitor());
        if (program.isEmpty()) {
            record(caller, model, DownloadCheck.Outcome.ALLOWED, request, Optional.empty(), "no monitor program", "");
            return;
        }
        MonitorSandbox.MonitorResult result;
        try {
            result = sandbox.run(new MonitorSandbox.MonitorRun(program.get().source(), model.name().value(),
                    model.createdBy(), caller.userName(), out -> zip.write(out)));
        } catch (DependencyUnavailableException e) {
            record(caller, model, DownloadCheck.Outcome.FAILED, request, Optional.empty(), e.getMessage(), "");
            throw e;
        } catch (UncheckedIOException e) {
            String why = "the files of model " + model.name().value() + " could not be read for its monitor: "
                    + e.getCause().getMessage();
            record(caller, model, DownloadCheck.Outcome.FAILED, request, Optional.empty(), why, "");
            throw new DependencyUnavailableException(why, e);
        }
        String reason = reason(result);
        if (result.passed()) {
            record(caller, model, DownloadCheck.Outcome.ALLOWED, request, result.exitCode(), reason, result.stdout());
            return;
        }
        DownloadCheck check = record(caller, model, DownloadCheck.Outcome.REJECTED, request, result.exitCode(), reason,
                result.stdout());
        String output = result.stdout().isEmpty() ? "(no output)" : result.stdout()
                + (result.stdoutTruncated() ? " [output truncated]" : "");
        String errors = result.stderr().isBlank() ? "" : "; its error output: " + excerpt(result.stderr().strip(),
                HISTORY_OUTPUT_CHARS);
        throw new DownloadRejectedException("the monitor program of sensitive model " + model.name().value()
                + " rejected this download (" + reason + "); its output: " + output + errors, check);
    }

    /** How it ended, with the error that ended it when the program printed one (an uncaught exception). */
    private static String reason(MonitorSandbox.MonitorResult result) {
        String ending = switch (result.ending()) {
            case EXITED -> "exit " + result.exitCode().orElse(-1);
            case TIMED_OUT -> "timed out after " + seconds(result.elapsed());
            case OUT_OF_MEMORY -> "stopped: it used more memory than monitors may";
        };
        if (result.passed()) {
            return ending;
        }
        return result.stderr().lines().map(String::strip).filter(l -> l.matches("[A-Za-z]*Error\\b.*"))
                .findFirst().map(error -> ending + ": " + excerpt(error, 200)).orElse(ending);
    }

    private static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static String seconds(Duration elapsed) {
        return String.format(java.util.Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }

    private DownloadCheck record(Principal caller, ArtifactRecord model, DownloadCheck.Outcome outcome, String request,
                                 Optional<Integer> exitCode, String reason, String output) {
        DownloadCheck check = new DownloadCheck(outcome, request, exitCode, reason,
                output.length() <= HISTORY_OUTPUT_CHARS ? output : output.substring(0, HISTORY_OUTPUT_CHARS));
        auditor.recordDownload(caller, model.metadata(), check);
        return check;
    }
}
