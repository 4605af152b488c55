package io.trustregistry.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;

import io.trustregistry.core.memory.InMemoryArtifactCatalog;
import io.trustregistry.core.memory.InMemoryAuditLog;
import io.trustregistry.core.memory.InMemoryBlobStore;
import io.trustregistry.core.memory.InMemoryTokenStore;
import io.trustregistry.core.memory.InMemoryUserStore;
import io.trustregistry.core.testing.OpaqueTokenCodec;
import io.trustregistry.core.memory.Pbkdf2PasswordHasher;
import io.trustregistry.core.testing.StaticUpstreamHub;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.IdGenerator;
import io.trustregistry.core.port.out.PasswordHasher;
import io.trustregistry.core.port.out.TokenCodec;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UpstreamHub;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.core.TimeOrderedIdGenerator;

/**
 * Runs every port contract against the in-memory adapters the core ships, so the fakes that
 * embedders and unit tests rely on can never drift from the real adapters.
 */
class InMemoryAdaptersContractTest {

    @Nested
    class Catalog extends ArtifactCatalogContract {
        @Override
        protected ArtifactCatalog newCatalog() {
            return new InMemoryArtifactCatalog();
        }
    }

    @Nested
    class Blobs extends BlobStoreContract {
        @Override
        protected BlobStore newStore() {
            return new InMemoryBlobStore();
        }
    }

    @Nested
    class Users extends UserStoreContract {
        @Override
        protected UserStore newStore() {
            return new InMemoryUserStore();
        }
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore newStore() {
            return new InMemoryTokenStore();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected AuditLog newLog() {
            return new InMemoryAuditLog();
        }
    }

    @Nested
    class Passwords extends PasswordHasherContract {
        private final PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);

        @Override
        protected PasswordHasher hasher() {
            return hasher;
        }
    }

    @Nested
    class Codec extends TokenCodecContract {
        private final TokenCodec codec = new OpaqueTokenCodec();

        @Override
        protected TokenCodec codec() {
            return codec;
        }
    }

    @Nested
    class Ids extends IdGeneratorContract {
        @Override
        protected IdGenerator generator() {
            return new TimeOrderedIdGenerator(java.time.InstantSource.system());
        }
    }

    @Nested
    class Hub extends UpstreamHubContract {
        @Override
        protected UpstreamHub hubServing(HubFixtures fixtures) {
            StaticUpstreamHub hub = new StaticUpstreamHub();
            for (HubFixtures.Model model : fixtures.models()) {
                hub.publish("https://huggingface.co/" + model.hubId(), evidence(SourceKind.HUGGING_FACE_MODEL,
                        "https://huggingface.co/" + model.hubId(), model.hubId(), model.readme(), model.license(),
                        model.files(), model.datasets(), model.baseModels(), model.downloads()));
            }
            for (HubFixtures.Dataset dataset : fixtures.datasets()) {
                String url = "https://huggingface.co/datasets/" + dataset.hubId();
                hub.publish(url, evidence(SourceKind.HUGGING_FACE_DATASET, url, dataset.hubId(), dataset.readme(),
                        dataset.license(), dataset.files(), List.of(), List.of(), dataset.downloads()));
            }
            for (HubFixtures.Repository repository : fixtures.repositories()) {
                String url = "https://github.com/" + repository.fullName();
                Map<String, Long> files = new LinkedHashMap<>();
                files.put("repository.tar.gz", repository.sizeKilobytes() * 1024);
                hub.publish(url, evidence(SourceKind.GITHUB_REPOSITORY, url, repository.fullName(), repository.readme(),
                        repository.spdxLicense(), files, List.of(), List.of(), -1));
                hub.publishLicense(repository.fullName(), repository.spdxLicense());
            }
            return hub;
        }

        private SourceEvidence evidence(SourceKind kind, String url, String hubId, String readme,
                                        Optional<String> license, Map<String, Long> files, List<String> datasets,
                                        List<String> parents, long downloads) {
            List<SourceFile> sourceFiles = new ArrayList<>();
            files.forEach((path, size) -> sourceFiles.add(new SourceFile(path, size, Optional.empty())));
            return SourceEvidence.builder(kind, url, hubId.substring(hubId.lastIndexOf('/') + 1))
                    .hubId(hubId).readme(readme).license(license.orElse(null)).files(sourceFiles)
                    .totalSizeBytes(files.values().stream().mapToLong(Long::longValue).sum())
                    .datasetReferences(datasets.stream().<io.trustregistry.core.model.SourceReference>map(d ->
                            new io.trustregistry.core.model.SourceReference.HuggingFace(true, d)).toList())
                    .parents(parents.stream().map(p -> new ParentReference(p, "card_data", "base_model")).toList())
                    .popularity(new Popularity(downloads, 0, Optional.empty())).build();
        }
    }

    @Nested
    class Secrets extends SecretStoreContract {
        private final io.trustregistry.core.memory.InMemorySecretStore store =
                new io.trustregistry.core.memory.InMemorySecretStore();

        @Override
        protected io.trustregistry.core.port.out.SecretStore newStore() {
            return store;
        }

        @Override
        protected io.trustregistry.core.port.out.SecretStore sameStorage() {
            return store;
        }
    }

    @Nested
    class Transactions extends TransactionStoreContract {
        @Override
        protected io.trustregistry.core.port.out.TransactionStore newStore() {
            return new io.trustregistry.core.memory.InMemoryTransactionStore();
        }
    }
}
