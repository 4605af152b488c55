package io.trustregistry.core.model;

/** The actions an artifact's audit trail records (the contract's enumeration). */
public enum AuditAction {
    CREATE,
    UPDATE,
    DOWNLOAD,
    RATE,
    AUDIT
}
