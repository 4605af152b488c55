package io.trustregistry.core.service;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.in.ResetRegistryUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.PasswordHasher;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.core.DefaultAdmin;

/**
 * Wipes artifacts, their audit trails and blobs, and every user but the default administrator
 * (whose account, and so whose tokens, survive: clients reset and carry on with the same token).
 * Artifacts go first, so a reset interrupted half-way never leaves an artifact whose blobs are gone.
 */
public final class ResetRegistryService implements ResetRegistryUseCase {

    private final ArtifactCatalog catalog;
    private final AuditLog audit;
    private final BlobStore blobs;
    private final UserStore users;
    private final TokenStore tokens;
    private final PasswordHasher hasher;
    private final InstantSource clock;
    private final Runnable afterReset;

    public ResetRegistryService(ArtifactCatalog catalog, AuditLog audit, BlobStore blobs, UserStore users,
                                TokenStore tokens, PasswordHasher hasher, InstantSource clock) {
        this(catalog, audit, blobs, users, tokens, hasher, clock, () -> { });
    }

    /** @param afterReset forgets in-memory state a reset must clear too (failed-login records) */
    public ResetRegistryService(ArtifactCatalog catalog, AuditLog audit, BlobStore blobs, UserStore users,
                                TokenStore tokens, PasswordHasher hasher, InstantSource clock, Runnable afterReset) {
        this.afterReset = afterReset;
        this.catalog = catalog;
        this.audit = audit;
        this.blobs = blobs;
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public void reset(Principal caller) {
        AccessGuard.require(caller, Permission.ADMIN);
        catalog.clear();
        audit.clear();
        List<BlobInfo> stored = new ArrayList<>();
        blobs.scan(blob -> stored.add(blob));
        stored.forEach(blob -> blobs.delete(blob.digest()));
        for (UserAccount user : users.list()) {
            if (!user.name().equals(DefaultAdmin.NAME)) {
                users.delete(user.name());
                tokens.revokeAllOf(user.name());
            }
        }
        tokens.purgeExpired(clock.instant());
        ensureDefaultAdmin(users, hasher, clock);
        afterReset.run();
    }

    /**
     * Creates the default administrator unless it exists. Safe to call from several processes
     * at once: the loser of the race finds the winner's account.
     */
    public static void ensureDefaultAdmin(UserStore users, PasswordHasher hasher, InstantSource clock) {
        if (users.find(DefaultAdmin.NAME).isPresent()) {
            return;
        }
        List<String> hashes = DefaultAdmin.PASSWORDS.stream().map(hasher::hash).toList();
        try {
            users.insert(new UserAccount(DefaultAdmin.NAME, RandomTokens.newId(), true, Set.of(), hashes, clock.instant()));
        } catch (ConflictException raced) {
            // another process created it first: that is the outcome we wanted
        }
    }
}
