package io.trustregistry.core.port.in;

import java.util.List;
import java.util.Optional;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.Sensitivity;

/**
 * Sensitive models ({@code /artifacts/model/{id}/sensitivity}, {@code /monitor},
 * {@code /downloads}): a sensitive model's every download first runs its monitor program, if it
 * has one, and is recorded in its download history, the rejected ones too. Reading needs
 * {@code search}; changing needs {@code upload} (administrators hold both). Every change is
 * audited as an {@code UPDATE} with a note saying what changed.
 *
 * <p>Every method throws {@link io.trustregistry.core.error.NotFoundException} when no model has
 * the id, and the {@code AccessGuard}'s exceptions when the caller lacks the permission.
 */
public interface SensitiveModelsUseCase {

    /** Whether the model is sensitive: its sensitivity, or empty. */
    Optional<Sensitivity> sensitivity(Principal caller, ArtifactId model);

    /**
     * Marks the model sensitive, or not. Idempotent: marking a sensitive model again changes
     * nothing (and audits nothing). Unmarking removes its monitor program too.
     *
     * @return the model's sensitivity afterwards
     */
    Optional<Sensitivity> markSensitive(Principal caller, ArtifactId model, boolean sensitive);

    /**
     * The model's monitor program.
     *
     * @throws io.trustregistry.core.error.NotFoundException also when the model has none
     */
    MonitorProgram monitor(Principal caller, ArtifactId model);

    /**
     * Puts (creates or replaces) the model's monitor program.
     *
     * @throws io.trustregistry.core.error.InvalidRequestException if {@code source} is blank or
     *         longer than {@link MonitorProgram#MAX_BYTES} bytes of UTF-8
     * @throws io.trustregistry.core.error.ConflictException if the model is not sensitive
     */
    MonitorProgram putMonitor(Principal caller, ArtifactId model, String source);

    /**
     * Removes the model's monitor program; the model stays sensitive (its downloads are still
     * recorded).
     *
     * @throws io.trustregistry.core.error.NotFoundException also when it has none
     */
    void deleteMonitor(Principal caller, ArtifactId model);

    /**
     * Every download attempt on the model while it was sensitive, oldest first: the audit entries
     * that carry a {@link io.trustregistry.core.model.DownloadCheck}. Needs {@code search}.
     */
    List<AuditEntry> downloadHistory(Principal caller, ArtifactId model);
}
