package io.trustregistry.core.port.out;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;

/**
 * Runs a sensitive model's monitor program where it can read nothing but itself and the zip it
 * is given, write nothing, start nothing, reach no host the operator did not allow, and use
 * bounded time, memory and output. The program is untrusted: any user may put one.
 *
 * <p><b>Files.</b> The sandbox writes the zip into a file of its own, passes that file's path
 * as the fourth argument, and deletes it, with every other file of the run, before {@link #run}
 * returns or throws, whatever happened.
 *
 * <p><b>Concurrency.</b> Safe for concurrent use; runs beyond the sandbox's bound wait for a slot
 * up to a deadline.
 */
public interface MonitorSandbox {

    /**
     * Runs {@code run.program()} once with the arguments {@code MODEL_NAME UPLOADER_USERNAME
     * DOWNLOADER_USERNAME ZIP_FILE_PATH}.
     *
     * @return how the program ended. A program that fails, crashes, or is stopped for time or
     *         memory is an answer, not an exception.
     * @throws DependencyUnavailableException if no program could be started: the runtime is
     *         missing or broken, or every slot stayed busy past the deadline. The program did not
     *         run.
     * @throws java.io.UncheckedIOException if writing the zip failed (the writer's own
     *         exception, such as an unreachable store, propagates as it is). The program did not run.
     */
    MonitorResult run(MonitorRun run);

    /** Whether programs can run here (the runtime is present and works), and how it is isolated. Never throws. */
    ComponentHealth checkHealth();

    /** Writes the zip a download would serve. */
    @FunctionalInterface
    interface ZipWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One run of a monitor.
     *
     * @param program    the JavaScript source
     * @param modelName  the model's name, the first argument
     * @param uploader   the name of the user who registered the model, the second
     * @param downloader the name of the user downloading it, the third
     * @param zip        writes the zip whose path is the fourth
     */
    record MonitorRun(String program, String modelName, String uploader, String downloader, ZipWriter zip) {
        public MonitorRun {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(uploader, "uploader");
            Objects.requireNonNull(downloader, "downloader");
            Objects.requireNonNull(zip, "zip");
        }
    }

    /**
     * How a run ended.
     *
     * @param ending          whether it exited by itself or was stopped, and why
     * @param exitCode        its exit code when it exited by itself
     * @param stdout          the start of its standard output, decoded as UTF-8
     * @param stdoutTruncated whether there was more output than the sandbox keeps
     * @param stderr          the start of its standard error
     * @param elapsed         how long it ran
     */
    record MonitorResult(Ending ending, Optional<Integer> exitCode, String stdout, boolean stdoutTruncated,
                         String stderr, Duration elapsed) {
        public MonitorResult {
            Objects.requireNonNull(ending, "ending");
            Objects.requireNonNull(exitCode, "exitCode");
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            Objects.requireNonNull(elapsed, "elapsed");
        }

        /** Whether the program exited by itself with code 0: the only result that lets a download go ahead. */
        public boolean passed() {
            return ending == Ending.EXITED && exitCode.orElse(-1) == 0;
        }
    }

    /** How a run ended. */
    enum Ending {
        /** The program exited by itself (with any code). */
        EXITED,
        /** It ran past the wall-clock limit and was killed. */
        TIMED_OUT,
        /** It used more memory than allowed and was killed. */
        OUT_OF_MEMORY
    }

    /** What the component does, as health reports describe it. */
    String DESCRIPTION = "Runs sensitive models' monitor programs before their downloads";

    /** A sandbox for registries that cannot run monitors: every run fails with 503 saying why. */
    static MonitorSandbox unavailable(String why) {
        return new MonitorSandbox() {
            @Override
            public MonitorResult run(MonitorRun run) {
                throw new DependencyUnavailableException("monitor programs cannot run here: " + why);
            }

            @Override
            public ComponentHealth checkHealth() {
                return new ComponentHealth("monitors", "Monitor sandbox", DESCRIPTION, HealthStatus.DEGRADED,
                        Instant.now(), Map.of(), List.of(new ComponentHealth.Issue("monitor-runtime-missing", "warning",
                        "monitor programs cannot run", why)));
            }
        };
    }
}
