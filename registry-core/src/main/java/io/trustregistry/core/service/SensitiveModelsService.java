package io.trustregistry.core.service;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.Sensitivity;
import io.trustregistry.core.port.in.SensitiveModelsUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;

/**
 * Marks models sensitive and keeps their monitor programs, in the model's own catalog record
 * (so every backend stores them, and a change is one atomic, revision-checked update).
 */
public final class SensitiveModelsService implements SensitiveModelsUseCase {

    /** Concurrent updates of one record retried before answering 409. */
    private static final int ATTEMPTS = 5;

    private final ArtifactCatalog catalog;
    private final AuditLog audit;
    private final Auditor auditor;
    private final InstantSource clock;

    public SensitiveModelsService(ArtifactCatalog catalog, AuditLog audit, Auditor auditor, InstantSource clock) {
        this.catalog = catalog;
        this.audit = audit;
        this.auditor = auditor;
        this.clock = clock;
    }

    @Override
    public Optional<Sensitivity> sensitivity(Principal caller, ArtifactId model) {
        AccessGuard.require(caller, Permission.SEARCH);
        return ArtifactLookup.require(catalog, ArtifactType.MODEL, model).sensitivity();
    }

    @Override
    public Optional<Sensitivity> markSensitive(Principal caller, ArtifactId model, boolean sensitive) {
        AccessGuard.require(caller, Permission.UPLOAD);
        ArtifactRecord after = change(caller, model, sensitive ? "marked sensitive" : "no longer sensitive; monitor removed",
                current -> {
                    if (current.isPresent() == sensitive) {
                        return current;
                    }
                    return sensitive ? Optional.of(new Sensitivity(caller.userName(), clock.instant(), Optional.empty()))
                            : Optional.empty();
                });
        return after.sensitivity();
    }

    @Override
    public MonitorProgram monitor(Principal caller, ArtifactId model) {
        AccessGuard.require(caller, Permission.SEARCH);
        return ArtifactLookup.require(catalog, ArtifactType.MODEL, model).sensitivity()
                .flatMap(Sensitivity::monitor)
                .orElseThrow(() -> new NotFoundException("model " + model + " has no monitor program"));
    }

    @Override
    public MonitorProgram putMonitor(Principal caller, ArtifactId model, String source) {
        AccessGuard.require(caller, Permission.UPLOAD);
        if (source == null || source.isBlank()) {
            throw new InvalidRequestException("the monitor program is empty; send its JavaScript source");
        }
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MonitorProgram.MAX_BYTES) {
            throw new InvalidRequestException("the monitor program is " + bytes + " bytes; at most "
                    + MonitorProgram.MAX_BYTES + " are accepted");
        }
        MonitorProgram program = MonitorProgram.of(source, caller.userName(), clock.instant());
        change(caller, model, "monitor program set (sha256 " + program.sha256().substring(0, 12) + ")", current -> {
            Sensitivity sensitivity = current.orElseThrow(() -> new ConflictException("model " + model
                    + " is not sensitive; mark it sensitive first (PUT /artifacts/model/" + model + "/sensitivity)"));
            return Optional.of(sensitivity.withMonitor(Optional.of(program)));
        });
        return program;
    }

    @Override
    public void deleteMonitor(Principal caller, ArtifactId model) {
        AccessGuard.require(caller, Permission.UPLOAD);
        change(caller, model, "monitor program removed", current -> {
            Sensitivity sensitivity = current.filter(s -> s.monitor().isPresent())
                    .orElseThrow(() -> new NotFoundException("model " + model + " has no monitor program"));
            return Optional.of(sensitivity.withMonitor(Optional.empty()));
        });
    }

    @Override
    public List<AuditEntry> downloadHistory(Principal caller, ArtifactId model) {
        AccessGuard.require(caller, Permission.SEARCH);
        ArtifactLookup.require(catalog, ArtifactType.MODEL, model);
        return audit.entriesFor(model).stream().filter(e -> e.check().isPresent()).toList();
    }

    /**
     * Applies {@code change} to the model's sensitivity and stores the result with the next
     * revision, retrying when a concurrent update won; when {@code change} returns what there is,
     * nothing is stored or audited. Audits a change with {@code note}.
     */
    private ArtifactRecord change(Principal caller, ArtifactId model, String note,
                                  UnaryOperator<Optional<Sensitivity>> change) {
        for (int attempt = 1; ; attempt++) {
            ArtifactRecord current = ArtifactLookup.require(catalog, ArtifactType.MODEL, model);
            Optional<Sensitivity> next = change.apply(current.sensitivity());
            if (next.equals(current.sensitivity())) {
                return current;
            }
            ArtifactRecord updated = current.withSensitivity(next);
            try {
                catalog.update(updated, current.revision());
            } catch (ConflictException raced) {
                if (attempt < ATTEMPTS) {
                    continue;
                }
                throw new ConflictException("model " + model + " kept changing while its sensitivity was being set; "
                        + "try again");
            }
            auditor.record(caller, updated.metadata(), AuditAction.UPDATE, note);
            return updated;
        }
    }
}
