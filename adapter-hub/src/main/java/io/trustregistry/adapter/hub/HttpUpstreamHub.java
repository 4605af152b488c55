package io.trustregistry.adapter.hub;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceReference;
import io.trustregistry.core.port.out.UpstreamHub;

/** The real upstream hub: Hugging Face, GitHub, Kaggle datasets and plain downloads over HTTP. */
public final class HttpUpstreamHub implements UpstreamHub {

    private static final Duration HEALTH_CACHE = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final HubSettings settings;
    private final KaggleSettings kaggleSettings;
    private final HttpFetcher http;
    private final HttpFetcher probes;
    private final HuggingFaceClient huggingFace;
    private final GitHubClient gitHub;
    private final KaggleClient kaggle;
    private volatile CachedHealth cachedHealth;

    private record CachedHealth(Instant at, List<ComponentHealth> components) {
    }

    /** Hugging Face, GitHub and plain downloads as {@code settings} say; Kaggle at its public API, anonymously. */
    public HttpUpstreamHub(HubSettings settings) {
        this(settings, KaggleSettings.defaults());
    }

    /** All four hubs as their settings say. */
    public HttpUpstreamHub(HubSettings settings, KaggleSettings kaggleSettings) {
        this.settings = settings;
        this.kaggleSettings = kaggleSettings;
        this.http = new HttpFetcher(settings, new CredentialHealth(), List.of(kaggleSettings.apiUrl()));
        // health probes must answer fast even when a hub is down: one short attempt each
        this.probes = new HttpFetcher(settings.withTimeouts(PROBE_TIMEOUT, PROBE_TIMEOUT).withAttempts(1),
                http.credentials());
        this.huggingFace = new HuggingFaceClient(http, settings);
        this.gitHub = new GitHubClient(http, settings);
        this.kaggle = new KaggleClient(http, settings, kaggleSettings);
    }

    /**
     * {@inheritDoc}
     *
     * <p>All upstream calls of one resolution share one {@link CallBudget}: a deadline
     * ({@code resolveDeadline}) and a number of requests ({@code maxCallsPerResolve}).
     *
     * @throws UpstreamException.Unsupported for a URL that is recognisably not an artifact (a
     *         Space, a user page), or whose kind contradicts {@code type} (a Hugging Face dataset
     *         registered as a model, a model as a dataset)
     */
    @Override
    public SourceEvidence resolve(ArtifactType type, URI source) {
        HttpFetcher budgeted = http.within(http.newRegistrationBudget());
        return switch (locate(source)) {
            case SourceLocator.HuggingFace repo -> {
                checkKind(type, repo, source);
                yield new HuggingFaceClient(budgeted, settings).resolve(repo);
            }
            case SourceLocator.GitHub repo -> new GitHubClient(budgeted, settings).resolve(repo);
            case SourceLocator.Web download -> new WebDownloadClient(budgeted).resolve(download);
            case SourceLocator.Refused refused -> throw new UpstreamException.Unsupported(refused.reason());
            case SourceLocator.Kaggle dataset -> {
                if (type != ArtifactType.DATASET) {
                    throw new UpstreamException.Unsupported("a Kaggle dataset cannot be registered as "
                            + (type == ArtifactType.MODEL ? "a model" : type.wireName()) + ": " + source);
                }
                yield new KaggleClient(budgeted, settings, kaggleSettings).resolve(dataset);
            }
        };
    }

    private static void checkKind(ArtifactType type, SourceLocator.HuggingFace repo, URI source) {
        ArtifactType actual = repo.dataset() ? ArtifactType.DATASET : ArtifactType.MODEL;
        if (type != actual) {
            throw new UpstreamException.Unsupported(source + " is a Hugging Face " + actual.wireName()
                    + ", not a " + type.wireName() + ": register it with the type " + actual.wireName());
        }
    }

    @Override
    public InputStream openFile(SourceEvidence evidence, SourceFile file) {
        return switch (evidence.kind()) {
            case HUGGING_FACE_MODEL, HUGGING_FACE_DATASET -> huggingFace.openFile(evidence, file);
            case GITHUB_REPOSITORY -> gitHub.openArchive(evidence);
            case WEB_DOWNLOAD -> http.stream(URI.create(evidence.canonicalUrl()), Map.of());
            case KAGGLE_DATASET -> kaggle.openFile(evidence, file);
        };
    }

    @Override
    public SourceReference identify(URI source) {
        return References.of(locate(source));
    }

    @Override
    public RepositoryLicense repositoryLicense(URI repositoryUrl) {
        if (locate(repositoryUrl) instanceof SourceLocator.GitHub repo) {
            return gitHub.license(repo);
        }
        throw new UpstreamException.Unsupported("not a GitHub repository URL: " + repositoryUrl);
    }

    private SourceLocator locate(URI source) {
        return SourceLocator.of(source, Optional.ofNullable(settings.huggingFaceEndpoint().getRawAuthority()));
    }

    @Override
    public List<ComponentHealth> checkHealth() {
        CachedHealth cached = cachedHealth;
        if (cached != null && cached.at().plus(HEALTH_CACHE).isAfter(Instant.now())) {
            return cached.components();
        }
        List<ComponentHealth> components;
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            String hfBase = settings.huggingFaceEndpoint().toString().replaceAll("/+$", "");
            String ghBase = settings.gitHubApiUrl().toString().replaceAll("/+$", "");
            // with a token, probe an endpoint that checks it (the Hub's whoami-v2, GitHub's rate_limit)
            Future<ComponentHealth> hf = parallel.submit(() -> probe("hub-huggingface", "Hugging Face Hub",
                    settings.huggingFaceEndpoint(), settings.huggingFaceToken(), "HF_TOKEN",
                    URI.create(hfBase + (settings.huggingFaceToken().isPresent() ? "/api/whoami-v2"
                            : "/api/models/google-bert/bert-base-uncased"))));
            Future<ComponentHealth> gh = parallel.submit(() -> probe("hub-github", "GitHub API",
                    settings.gitHubApiUrl(), settings.gitHubToken(), "GITHUB_TOKEN", URI.create(ghBase
                            + "/rate_limit")));
            components = List.of(hf.get(), gh.get(), kaggleHealth());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a health probe failed unexpectedly", e.getCause());
        }
        cachedHealth = new CachedHealth(Instant.now(), List.copyOf(components));
        return components;
    }

    /**
     * Kaggle is not probed (its API answers nothing without credentials, and a probe per health
     * check would spend them); its entry reports what Kaggle last said of the credentials.
     */
    private ComponentHealth kaggleHealth() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("endpoint", kaggleSettings.apiUrl().toString());
        Optional<CredentialHealth.Verdict> verdict = http.credentials().of(kaggleSettings.apiUrl().getHost());
        String state = !kaggleSettings.hasCredentials() ? "none"
                : verdict.map(v -> v.accepted() ? "accepted" : "rejected").orElse("configured");
        metrics.put("credentials", state);
        List<ComponentHealth.Issue> issues = new ArrayList<>();
        HealthStatus status = HealthStatus.OK;
        if (state.equals("none")) {
            issues.add(new ComponentHealth.Issue("no_credentials", "info", "Kaggle datasets register from their URL"
                    + " alone", "set KAGGLE_USERNAME and KAGGLE_KEY to read their metadata, files and size"));
        } else if (state.equals("rejected")) {
            status = HealthStatus.DEGRADED;
            issues.add(new ComponentHealth.Issue("credentials_rejected", "error", "Kaggle refuses the registry's"
                    + " KAGGLE_USERNAME/KAGGLE_KEY", verdict.map(CredentialHealth.Verdict::detail).orElse("")
                    + "; Kaggle datasets register without metadata until an operator replaces them"));
        }
        return new ComponentHealth("hub-kaggle", "Kaggle API", "Upstream source of Kaggle dataset metadata at "
                + kaggleSettings.apiUrl(), status, Instant.now(), metrics, issues);
    }

    private ComponentHealth probe(String id, String name, URI endpoint, Optional<String> token, String tokenSetting,
                                  URI probe) {
        long started = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("endpoint", endpoint.toString());
        HealthStatus status;
        List<ComponentHealth.Issue> issues = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        token.ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        try {
            if (token.isPresent()) {
                probes.get(probe, headers, 64 * 1024, true);
            } else {
                probes.head(probe, headers);
            }
            status = HealthStatus.OK;
        } catch (UpstreamException.CredentialsRejected e) {
            // recorded in the credential health below; the host itself answered
            status = HealthStatus.OK;
        } catch (UpstreamException.SourceNotFound | UpstreamException.AccessDenied | UpstreamException.Unsupported
                 | UpstreamException.RateLimited e) {
            // the host answered: it is reachable, whatever it thinks of this particular probe
            status = HealthStatus.OK;
        } catch (UpstreamException e) {
            status = HealthStatus.CRITICAL;
            issues.add(new ComponentHealth.Issue("unreachable", "error", name + " cannot be reached",
                    e.getMessage() + "; registrations from it will fail with 502 until it is back"));
        }
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        metrics.put("probe_ms", millis);
        Optional<CredentialHealth.Verdict> verdict = http.credentials().of(endpoint.getHost());
        String credentialState = token.isEmpty() ? "none" : verdict.map(v -> v.accepted() ? "accepted" : "rejected")
                .orElse("configured");
        metrics.put("credentials", credentialState);
        if (credentialState.equals("rejected")) {
            if (status == HealthStatus.OK) {
                status = HealthStatus.DEGRADED;
            }
            issues.add(new ComponentHealth.Issue("credentials_rejected", "error", name + " refuses the registry's "
                    + tokenSetting, verdict.map(CredentialHealth.Verdict::detail).orElse("") + "; registrations from"
                    + " it fail with 503 until an operator replaces " + tokenSetting + " and restarts the server"));
        }
        if (status == HealthStatus.OK && millis > 5_000) {
            status = HealthStatus.DEGRADED;
            issues.add(new ComponentHealth.Issue("slow", "warning", name + " answers slowly",
                    "the reachability probe took " + Math.round(millis) + " ms"));
        }
        return new ComponentHealth(id, name, "Upstream source of artifact metadata at " + endpoint, status,
                Instant.now(), metrics, issues);
    }
}
