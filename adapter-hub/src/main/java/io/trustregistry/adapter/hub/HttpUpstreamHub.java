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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

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
    /** A report with a hub down is kept for less time, so its return shows soon without a registration. */
    private static final Duration UNHEALTHY_CACHE = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final HubSettings settings;
    private final KaggleSettings kaggleSettings;
    private final HttpFetcher http;
    private final HttpFetcher probes;
    private final HuggingFaceClient huggingFace;
    private final GitHubClient gitHub;
    private final KaggleClient kaggle;
    private volatile CachedHealth cachedHealth;
    /** Per hub id, the last call from real traffic that found the hub unreachable, until one succeeds. */
    private final Map<String, Failure> lastFailures = new ConcurrentHashMap<>();

    private record CachedHealth(Instant at, List<ComponentHealth> components) {

        boolean freshAt(Instant now) {
            boolean healthy = components.stream().allMatch(c -> c.status() == HealthStatus.OK);
            return at.plus(healthy ? HEALTH_CACHE : UNHEALTHY_CACHE).isAfter(now);
        }
    }

    private record Failure(Instant at, String message) {
    }

    /** One upstream service: its health component, its name for people, and the setting that locates it. */
    private record Upstream(String id, String name, String setting, URI endpoint) {
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
        SourceLocator located = locate(source);
        return upstreamOf(located).map(up -> calling(up, () -> resolve(type, source, located)))
                .orElseGet(() -> resolve(type, source, located));
    }

    private SourceEvidence resolve(ArtifactType type, URI source, SourceLocator located) {
        HttpFetcher budgeted = http.within(http.newRegistrationBudget());
        return switch (located) {
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
        Optional<Upstream> upstream = switch (evidence.kind()) {
            case HUGGING_FACE_MODEL, HUGGING_FACE_DATASET -> Optional.of(huggingFaceHub());
            case GITHUB_REPOSITORY -> Optional.of(gitHubApi());
            case KAGGLE_DATASET -> Optional.of(kaggleApi());
            case WEB_DOWNLOAD -> Optional.empty();
        };
        return upstream.map(up -> calling(up, () -> open(evidence, file))).orElseGet(() -> open(evidence, file));
    }

    private InputStream open(SourceEvidence evidence, SourceFile file) {
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
            return calling(gitHubApi(), () -> gitHub.license(repo));
        }
        throw new UpstreamException.Unsupported("not a GitHub repository URL: " + repositoryUrl);
    }

    private Upstream huggingFaceHub() {
        return new Upstream("hub-huggingface", "the Hugging Face Hub", "HF_ENDPOINT", settings.huggingFaceEndpoint());
    }

    private Upstream gitHubApi() {
        return new Upstream("hub-github", "the GitHub API", "GITHUB_API_URL", settings.gitHubApiUrl());
    }

    private Upstream kaggleApi() {
        return new Upstream("hub-kaggle", "the Kaggle API", "KAGGLE_API_URL", kaggleSettings.apiUrl());
    }

    private Optional<Upstream> upstreamOf(SourceLocator located) {
        return switch (located) {
            case SourceLocator.HuggingFace x -> Optional.of(huggingFaceHub());
            case SourceLocator.GitHub x -> Optional.of(gitHubApi());
            case SourceLocator.Kaggle x -> Optional.of(kaggleApi());
            case SourceLocator.Web x -> Optional.empty();
            case SourceLocator.Refused x -> Optional.empty();
        };
    }

    /**
     * Runs a call to {@code upstream} from real traffic: an outage is named (which hub, which
     * setting, what to do) and remembered for {@link #checkHealth()}, a success clears it. Either
     * change drops the cached health report, so the next one probes again.
     */
    private <T> T calling(Upstream upstream, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (UpstreamException.Unavailable e) {
            String message = upstream.name() + " (" + upstream.setting() + "=" + upstream.endpoint() + ") is unreachable"
                    + " or failing: " + e.getMessage() + "; registrations from it (and license checks against it)"
                    + " answer 502 until it is back, other requests are unaffected; retry later, and if it lasts check"
                    + " /health/components ("
                    + upstream.id() + ") and the registry's outbound access to " + upstream.endpoint().getHost()
                    + " (on AWS the NAT gateway)";
            lastFailures.put(upstream.id(), new Failure(Instant.now(), message));
            cachedHealth = null;
            throw new UpstreamException.Unavailable(message, e);
        }
        if (lastFailures.remove(upstream.id()) != null) {
            cachedHealth = null;
        }
        return result;
    }

    private SourceLocator locate(URI source) {
        return SourceLocator.of(source, Optional.ofNullable(settings.huggingFaceEndpoint().getRawAuthority()));
    }

    @Override
    public List<ComponentHealth> checkHealth() {
        CachedHealth cached = cachedHealth;
        if (cached != null && cached.freshAt(Instant.now())) {
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
        Failure failure = lastFailures.get("hub-kaggle");
        if (failure != null) {
            // not probed, so the last registration's outcome is all there is to go on
            status = HealthStatus.CRITICAL;
            issues.add(new ComponentHealth.Issue("unreachable", "error", "Kaggle could not be reached at "
                    + failure.at(), failure.message()));
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
        Failure failure = lastFailures.get(id);
        if (status == HealthStatus.OK && failure != null) {
            // the probe got through, but the last registration from this hub did not
            status = HealthStatus.DEGRADED;
            issues.add(new ComponentHealth.Issue("recent_failure", "warning", "the last registration from " + name
                    + " failed at " + failure.at(), failure.message()));
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
