package io.trustregistry.core.error;

import java.util.Objects;

/**
 * A transaction's execution stopped at one of its commands; nothing was committed. Answered
 * with the status of {@link #reason()}, the failure of that command.
 */
public final class TransactionFailedException extends RegistryException {

    private final int command;
    private final RegistryException reason;

    public TransactionFailedException(int command, String describedCommand, RegistryException reason) {
        super("command " + command + " (" + describedCommand + ") failed, so nothing was changed: "
                + reason.getMessage(), reason);
        this.command = command;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The index of the command that failed, from 0. */
    public int command() {
        return command;
    }

    /** Why that command failed. */
    public RegistryException reason() {
        return reason;
    }
}
