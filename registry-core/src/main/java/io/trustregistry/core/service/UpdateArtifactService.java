package io.trustregistry.core.service;

import java.time.InstantSource;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.bundle.BundleIngester;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.content.BlobCollector;

/**
 * Re-ingests an artifact from a (possibly new) source URL through the same
 * {@link IngestPipeline} as registration: a model is rated again and the rating gate applies
 * (a refused update answers 424 and changes nothing). The write is conditional on the revision
 * read, so of two concurrent updates one wins and the other gets a conflict; on any failure the
 * previous version stays as it was. Models that depend on the artifact are re-rated afterwards.
 */
public final class UpdateArtifactService implements UpdateArtifactUseCase {

    private final ArtifactCatalog catalog;
    private final SourceResolver sources;
    private final Auditor auditor;
    private final RatingService ratings;
    private final IngestPipeline pipeline;
    private final InstantSource clock;

    public UpdateArtifactService(ArtifactCatalog catalog, SourceResolver sources, Auditor auditor,
                                 RatingService ratings, BundleIngester bundles, BlobCollector collector,
                                 InstantSource clock) {
        this.catalog = catalog;
        this.sources = sources;
        this.auditor = auditor;
        this.ratings = ratings;
        this.pipeline = new IngestPipeline(ratings, bundles, collector);
        this.clock = clock;
    }

    @Override
    public ArtifactRecord update(Principal caller, Command command) {
        AccessGuard.require(caller, Permission.UPLOAD);
        if (!command.bodyId().equals(command.id())) {
            throw new InvalidRequestException("the id in the body (" + command.bodyId()
                    + ") does not match the id in the path (" + command.id() + ")");
        }
        if (command.bodyType() != command.type()) {
            throw new InvalidRequestException("the type in the body (" + command.bodyType().wireName()
                    + ") does not match the type in the path (" + command.type().wireName() + ")");
        }
        RegisterArtifactService.checkName(command.name());
        sources.parseUrl(command.url());
        ArtifactRecord current = ArtifactLookup.require(catalog, command.type(), command.id());
        if (!current.name().value().equals(command.name())) {
            throw new InvalidRequestException("the name in the body ('" + command.name()
                    + "') does not match the artifact's name ('" + current.name() + "'): name and id must match");
        }
        ArtifactRecord updated = prepare(current, command.url());
        try {
            catalog.update(updated, current.revision());
        } catch (RuntimeException failed) {
            pipeline.abandon(updated);
            throw failed;
        }
        committed(caller, updated);
        return updated;
    }

    /**
     * Everything an update does before its record is stored: resolution of {@code url}, rating and
     * the rating gate, the files stored (and pinned). The result keeps {@code current}'s name and
     * is conditional on its revision; the caller stores it, then calls {@link #committed}, or
     * {@link #abandon}.
     */
    ArtifactRecord prepare(ArtifactRecord current, String url) {
        sources.parseUrl(url);
        SourceEvidence evidence = sources.resolve(current.type(), url);
        return pipeline.rateGateAndStore(current.updatedWith(current.name(), url, evidence, clock.instant()));
    }

    /** The updated record is stored: audited, and its dependents re-rated. */
    void committed(Principal caller, ArtifactRecord updated) {
        // the previous bundle's blobs, if nothing else holds them, go with the next collection
        pipeline.committed(updated);
        auditor.record(caller, updated.metadata(), AuditAction.UPDATE);
        ratings.refreshDependentsOf(updated);
    }

    /** The prepared record will never be stored: its blobs are garbage. */
    void abandon(ArtifactRecord prepared) {
        pipeline.abandon(prepared);
    }
}
