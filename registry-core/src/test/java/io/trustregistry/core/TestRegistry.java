package io.trustregistry.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.trustregistry.core.memory.InMemoryArtifactCatalog;
import io.trustregistry.core.memory.InMemoryTransactionStore;
import io.trustregistry.core.model.TransactionSettings;
import io.trustregistry.core.port.out.MonitorSandbox;
import io.trustregistry.core.memory.InMemoryAuditLog;
import io.trustregistry.core.memory.InMemoryBlobStore;
import io.trustregistry.core.memory.InMemoryTokenStore;
import io.trustregistry.core.memory.InMemoryUserStore;
import io.trustregistry.core.testing.OpaqueTokenCodec;
import io.trustregistry.core.memory.Pbkdf2PasswordHasher;
import io.trustregistry.core.testing.StaticUpstreamHub;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceKind;

/** An in-memory registry with a settable clock and a static hub, for use-case tests. */
final class TestRegistry {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    final InstantSource clock = () -> now.get();
    final StaticUpstreamHub hub = new StaticUpstreamHub();
    final InMemoryArtifactCatalog catalog;
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final Registry registry;

    TestRegistry() {
        this(RegistrySettings.defaults());
    }

    TestRegistry(RegistrySettings settings) {
        this(settings, MonitorSandbox.unavailable("no sandbox in this test"));
    }

    TestRegistry(RegistrySettings settings, MonitorSandbox monitors) {
        this(settings, monitors, new InMemoryArtifactCatalog(), TransactionSettings.defaults());
    }

    TestRegistry(RegistrySettings settings, MonitorSandbox monitors, InMemoryArtifactCatalog catalog,
                 TransactionSettings transactions) {
        this.catalog = catalog;
        registry = Registry.builder().catalog(catalog).blobs(blobs).users(users)
                .tokens(tokens).audit(new InMemoryAuditLog()).hub(hub)
                .passwords(new Pbkdf2PasswordHasher(1_000)).tokenCodec(new OpaqueTokenCodec()).clock(clock)
                .settings(settings).monitors(monitors)
                .transactions(new InMemoryTransactionStore(), transactions).build();
    }

    /** The default administrator, authenticated. */
    Principal admin() {
        return login(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0));
    }

    Principal login(String user, String password) {
        return registry.authorizeCall().authorizeCall(registry.authenticate().authenticate(user, password).token());
    }

    void advance(Duration duration) {
        now.set(now.get().plus(duration));
    }

    /** Publishes a Hugging Face model at {@code https://huggingface.co/<hubId>}. */
    String publishModel(String hubId, String readme, Optional<String> license, long bytes, long downloads,
                        List<String> datasets, List<String> code, List<String> parents) {
        String url = "https://huggingface.co/" + hubId;
        hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, url, last(hubId)).hubId(hubId)
                .readme(readme).license(license.orElse(null)).totalSizeBytes(bytes)
                .datasetReferences(datasets.stream().map(TestRegistry::reference).toList())
                .codeReferences(code.stream().map(TestRegistry::reference).toList())
                .parents(parents.stream().map(p -> new ParentReference(p, "card_data", "base_model")).toList())
                .popularity(new Popularity(downloads, 0, Optional.empty()))
                .attributes(Map.of("sha", "0123abc")).build());
        return url;
    }

    String publishModel(String hubId, long bytes) {
        return publishModel(hubId, "# " + hubId, Optional.of("apache-2.0"), bytes, 100, List.of(), List.of(), List.of());
    }

    String publishDataset(String hubId, long bytes) {
        String url = "https://huggingface.co/datasets/" + hubId;
        hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_DATASET, url, last(hubId)).hubId(hubId)
                .readme("# dataset " + hubId).totalSizeBytes(bytes).build());
        return url;
    }

    String publishRepository(String fullName, long bytes, Optional<String> license) {
        String url = "https://github.com/" + fullName;
        hub.publish(url, SourceEvidence.builder(SourceKind.GITHUB_REPOSITORY, url, last(fullName)).hubId(fullName)
                .readme("# code " + fullName).license(license.orElse(null)).totalSizeBytes(bytes).build());
        hub.publishLicense(fullName, license);
        return url;
    }

    private static String last(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** What the hub adapter would make of a test's reference: a GitHub URL, another URL, or a Hub dataset id. */
    static io.trustregistry.core.model.SourceReference reference(String text) {
        if (text.startsWith("https://github.com/")) {
            String[] parts = text.substring("https://github.com/".length()).split("/");
            return new io.trustregistry.core.model.SourceReference.GitHub(parts[0], parts[1]);
        }
        if (text.startsWith("https://huggingface.co/datasets/")) {
            return new io.trustregistry.core.model.SourceReference.HuggingFace(true,
                    text.substring("https://huggingface.co/datasets/".length()));
        }
        if (text.startsWith("http")) {
            return new io.trustregistry.core.model.SourceReference.Web(text);
        }
        return new io.trustregistry.core.model.SourceReference.HuggingFace(true, text);
    }
}
