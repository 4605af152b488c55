package io.trustregistry.core.service;

import java.time.InstantSource;
import java.util.Optional;

import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.DownloadCheck;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.out.AuditLog;

/** Writes audit entries stamped with the caller and the current UTC time. */
public final class Auditor {

    private final AuditLog log;
    private final InstantSource clock;

    public Auditor(AuditLog log, InstantSource clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Appends one entry for {@code caller} doing {@code action} to {@code artifact}. */
    public void record(Principal caller, ArtifactMetadata artifact, AuditAction action) {
        log.append(new AuditEntry(caller.userName(), caller.admin(), clock.instant(), artifact, action));
    }

    /** Appends one entry whose action needs {@code note} to say what changed. */
    public void record(Principal caller, ArtifactMetadata artifact, AuditAction action, String note) {
        log.append(new AuditEntry(caller.userName(), caller.admin(), clock.instant(), artifact, action,
                Optional.of(note), Optional.empty()));
    }

    /** Appends the DOWNLOAD entry of an attempt on a sensitive model: a line of its download history. */
    public void recordDownload(Principal caller, ArtifactMetadata artifact, DownloadCheck check) {
        log.append(new AuditEntry(caller.userName(), caller.admin(), clock.instant(), artifact, AuditAction.DOWNLOAD,
                Optional.empty(), Optional.of(check)));
    }
}
