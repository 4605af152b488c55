package io.trustregistry.core.service;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.bundle.BundleIngester;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.Sensitivity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.IdGenerator;
import io.trustregistry.core.content.BlobCollector;

/**
 * Resolves a source and stores it as a new artifact under a fresh id, through the
 * {@link IngestPipeline} that update shares: models are rated first (and refused with 424 when
 * the optional gate says so, before anything is stored); then the source's files are streamed
 * into the blob store; then the record is inserted, and every model that depends on the
 * newcomer is re-rated. If the insert fails, the new blobs are left to the {@link BlobCollector}.
 */
public final class RegisterArtifactService implements RegisterArtifactUseCase {

    /** Fresh ids tried before giving up; a second collision is already astronomically unlikely. */
    private static final int ID_ATTEMPTS = 5;

    private final ArtifactCatalog catalog;
    private final SourceResolver sources;
    private final IdGenerator ids;
    private final Auditor auditor;
    private final RatingService ratings;
    private final IngestPipeline pipeline;
    private final InstantSource clock;

    public RegisterArtifactService(ArtifactCatalog catalog, SourceResolver sources, IdGenerator ids, Auditor auditor,
                                   RatingService ratings, BundleIngester bundles, BlobCollector collector,
                                   InstantSource clock) {
        this.catalog = catalog;
        this.sources = sources;
        this.ids = ids;
        this.auditor = auditor;
        this.ratings = ratings;
        this.pipeline = new IngestPipeline(ratings, bundles, collector);
        this.clock = clock;
    }

    @Override
    public ArtifactRecord register(Principal caller, Command command) {
        ArtifactRecord prepared = prepare(caller, command);
        for (int attempt = 1; ; attempt++) {
            ArtifactRecord record = attempt == 1 ? prepared : withFreshId(prepared);
            try {
                catalog.insert(record);
            } catch (ConflictException collision) {
                if (attempt < ID_ATTEMPTS) {
                    continue;
                }
                pipeline.abandon(prepared);
                throw collision;
            } catch (RuntimeException failed) {
                pipeline.abandon(prepared);
                throw failed;
            }
            committed(caller, record);
            return record;
        }
    }

    /**
     * Everything a registration does before its record is stored: checks, resolution, rating and
     * the rating gate, the files stored (and pinned). The caller stores the result, then calls
     * {@link #committed}, or {@link #abandon} if it is not stored.
     */
    ArtifactRecord prepare(Principal caller, Command command) {
        AccessGuard.require(caller, Permission.UPLOAD);
        command.name().ifPresent(RegisterArtifactService::checkName);
        if (command.sensitive() && command.type() != ArtifactType.MODEL) {
            throw new InvalidRequestException("only models can be sensitive; this is a " + command.type().wireName());
        }
        sources.parseUrl(command.url());
        SourceEvidence evidence = sources.resolve(command.type(), command.url());
        ArtifactName name = new ArtifactName(command.name().orElseGet(() -> derivedName(evidence)));
        Instant now = clock.instant();
        ArtifactRecord prepared = ArtifactRecord.registered(new ArtifactMetadata(name, ids.next(), command.type()),
                command.url(), evidence, caller.userName(), now);
        if (command.sensitive()) {
            prepared = new ArtifactRecord(prepared.metadata(), prepared.sourceUrl(), evidence, prepared.createdBy(), now,
                    now, 1, Optional.empty(), Optional.empty(),
                    Optional.of(new Sensitivity(caller.userName(), now, Optional.empty())));
        }
        return pipeline.rateGateAndStore(prepared);
    }

    private ArtifactRecord withFreshId(ArtifactRecord prepared) {
        return new ArtifactRecord(new ArtifactMetadata(prepared.name(), ids.next(), prepared.type()),
                prepared.sourceUrl(), prepared.evidence(), prepared.createdBy(), prepared.createdAt(),
                prepared.updatedAt(), 1, prepared.rating(), prepared.bundle(), prepared.sensitivity());
    }

    /** The prepared record is stored: its blobs are referenced, it is audited, its dependents re-rated. */
    void committed(Principal caller, ArtifactRecord record) {
        pipeline.committed(record);
        if (record.sensitivity().isPresent()) {
            auditor.record(caller, record.metadata(), AuditAction.CREATE, "registered as sensitive");
        } else {
            auditor.record(caller, record.metadata(), AuditAction.CREATE);
        }
        ratings.refreshDependentsOf(record);
    }

    /** The prepared record will never be stored: its blobs are garbage. */
    void abandon(ArtifactRecord prepared) {
        pipeline.abandon(prepared);
    }

    /** Refuses a URL no registration could take (malformed, too long, not http(s)) with 400, before any fetch. */
    void checkUrl(String url) {
        sources.parseUrl(url);
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
