package io.trustregistry.core.service;

import java.time.Instant;
import java.time.InstantSource;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.IdGenerator;

/**
 * Resolves a source and stores it as a new artifact under a fresh id. Models are rated first
 * (and refused with 424 when the optional gate says so, before anything is stored); then every
 * model that depends on the newcomer is re-rated.
 */
public final class RegisterArtifactService implements RegisterArtifactUseCase {

    /** Fresh ids tried before giving up; a second collision is already astronomically unlikely. */
    private static final int ID_ATTEMPTS = 5;

    private final ArtifactCatalog catalog;
    private final SourceResolver sources;
    private final IdGenerator ids;
    private final Auditor auditor;
    private final RatingService ratings;
    private final InstantSource clock;

    public RegisterArtifactService(ArtifactCatalog catalog, SourceResolver sources, IdGenerator ids, Auditor auditor,
                                   RatingService ratings, InstantSource clock) {
        this.catalog = catalog;
        this.sources = sources;
        this.ids = ids;
        this.auditor = auditor;
        this.ratings = ratings;
        this.clock = clock;
    }

    @Override
    public ArtifactRecord register(Principal caller, Command command) {
        AccessGuard.require(caller, Permission.UPLOAD);
        command.name().ifPresent(RegisterArtifactService::checkName);
        sources.parseUrl(command.url());
        SourceEvidence evidence = sources.resolve(command.type(), command.url());
        ArtifactName name = new ArtifactName(command.name().orElseGet(() -> derivedName(evidence)));
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            ArtifactRecord record = ArtifactRecord.registered(new ArtifactMetadata(name, ids.next(), command.type()),
                    command.url(), evidence, caller.userName(), now);
            if (record.type() == ArtifactType.MODEL) {
                ModelRating rating = ratings.rate(record);
                ratings.enforceGate(rating, ratings.hasRegisteredParents(record));
                record = record.withRating(rating);
            }
            try {
                catalog.insert(record);
                auditor.record(caller, record.metadata(), AuditAction.CREATE);
                ratings.refreshDependentsOf(record);
                return record;
            } catch (ConflictException collision) {
                if (attempt == ID_ATTEMPTS) {
                    throw collision;
                }
            }
        }
    }

    static void checkName(String name) {
        String problem = ArtifactName.problemWith(name);
        if (problem != null) {
            throw new InvalidRequestException(problem);
        }
    }

    private static String derivedName(SourceEvidence evidence) {
        String suggested = evidence.suggestedName();
        if (ArtifactName.problemWith(suggested) != null) {
            throw new InvalidRequestException("cannot derive a name from the source; send one in 'name'");
        }
        return suggested;
    }
}
