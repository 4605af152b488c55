package io.trustregistry.core;

import java.time.InstantSource;
import java.util.Objects;

import io.trustregistry.core.port.in.AuditPackageConfusionUseCase;
import io.trustregistry.core.port.in.AuthenticateUseCase;
import io.trustregistry.core.port.in.AuthorizeCallUseCase;
import io.trustregistry.core.port.in.CheckHealthUseCase;
import io.trustregistry.core.port.in.CheckLicenseCompatibilityUseCase;
import io.trustregistry.core.port.in.ComputeCostUseCase;
import io.trustregistry.core.port.in.DeleteArtifactUseCase;
import io.trustregistry.core.port.in.DeleteUserUseCase;
import io.trustregistry.core.port.in.DownloadArtifactUseCase;
import io.trustregistry.core.port.in.FindArtifactsByNameUseCase;
import io.trustregistry.core.port.in.GetArtifactUseCase;
import io.trustregistry.core.port.in.GetAuditTrailUseCase;
import io.trustregistry.core.port.in.GetLineageUseCase;
import io.trustregistry.core.port.in.ListArtifactsUseCase;
import io.trustregistry.core.port.in.ListUsersUseCase;
import io.trustregistry.core.port.in.RateModelUseCase;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.RegisterUserUseCase;
import io.trustregistry.core.port.in.ResetRegistryUseCase;
import io.trustregistry.core.port.in.SearchArtifactsByRegexUseCase;
import io.trustregistry.core.port.in.SensitiveModelsUseCase;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.IdGenerator;
import io.trustregistry.core.port.out.MonitorSandbox;
import io.trustregistry.core.port.out.PasswordHasher;
import io.trustregistry.core.port.out.TokenCodec;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.TransactionStore;
import io.trustregistry.core.port.in.TransactionsUseCase;
import io.trustregistry.core.memory.InMemoryTransactionStore;
import io.trustregistry.core.model.TransactionSettings;
import io.trustregistry.core.service.TransactionService;
import io.trustregistry.core.port.out.UpstreamHub;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.core.rating.ModelRater;
import io.trustregistry.core.bundle.BundleIngester;
import io.trustregistry.core.lineage.ArtifactLinks;
import io.trustregistry.core.content.BlobCollector;
import io.trustregistry.core.content.ContentStore;
import io.trustregistry.core.service.LoginThrottle;
import io.trustregistry.core.service.AuditPackageConfusionService;
import io.trustregistry.core.service.AuthenticateService;
import io.trustregistry.core.service.AuthorizeCallService;
import io.trustregistry.core.service.Auditor;
import io.trustregistry.core.service.CheckHealthService;
import io.trustregistry.core.service.CheckLicenseCompatibilityService;
import io.trustregistry.core.service.ComputeCostService;
import io.trustregistry.core.service.DeleteArtifactService;
import io.trustregistry.core.service.DeleteUserService;
import io.trustregistry.core.service.DownloadArtifactService;
import io.trustregistry.core.service.FindArtifactsByNameService;
import io.trustregistry.core.service.GetArtifactService;
import io.trustregistry.core.service.GetAuditTrailService;
import io.trustregistry.core.service.GetLineageService;
import io.trustregistry.core.service.ListArtifactsService;
import io.trustregistry.core.service.ListUsersService;
import io.trustregistry.core.service.RateModelService;
import io.trustregistry.core.service.RatingService;
import io.trustregistry.core.service.RegisterArtifactService;
import io.trustregistry.core.service.RegisterUserService;
import io.trustregistry.core.service.ResetRegistryService;
import io.trustregistry.core.service.SearchArtifactsByRegexService;
import io.trustregistry.core.service.SensitiveModelsService;
import io.trustregistry.core.service.SourceResolver;
import io.trustregistry.core.service.UpdateArtifactService;

/**
 * The registry's use cases wired to a set of adapters: the one object an embedding
 * application builds. For a registry held entirely in memory:
 * <pre>{@code
 * Registry registry = Registry.builder()
 *         .catalog(new InMemoryArtifactCatalog()).blobs(new InMemoryBlobStore())
 *         .users(new InMemoryUserStore()).tokens(new InMemoryTokenStore())
 *         .audit(new InMemoryAuditLog()).hub(myHub)
 *         .passwords(new Pbkdf2PasswordHasher()).tokenCodec(new OpaqueTokenCodec())
 *         .build();
 * Principal admin = registry.authorizeCall().authorizeCall(
 *         registry.authenticate().authenticate(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0)).token());
 * }</pre>
 * Building creates the default administrator if the user store lacks it.
 */
public final class Registry {

    private final AuthenticateUseCase authenticate;
    private final AuthorizeCallUseCase authorizeCall;
    private final RegisterArtifactUseCase registerArtifact;
    private final GetArtifactUseCase getArtifact;
    private final UpdateArtifactUseCase updateArtifact;
    private final DeleteArtifactUseCase deleteArtifact;
    private final ResetRegistryUseCase reset;
    private final ListArtifactsUseCase listArtifacts;
    private final FindArtifactsByNameUseCase findByName;
    private final SearchArtifactsByRegexUseCase searchByRegex;
    private final GetAuditTrailUseCase auditTrail;
    private final ComputeCostUseCase cost;
    private final GetLineageUseCase lineage;
    private final CheckLicenseCompatibilityUseCase licenseCheck;
    private final AuditPackageConfusionUseCase packageConfusion;
    private final RateModelUseCase rate;
    private final RegisterUserUseCase registerUser;
    private final DeleteUserUseCase deleteUser;
    private final ListUsersUseCase listUsers;
    private final CheckHealthUseCase health;
    private final DownloadArtifactUseCase download;
    private final SensitiveModelsUseCase sensitiveModels;
    private final TransactionsUseCase transactions;
    private final BlobCollector blobCollector;

    private Registry(Builder b) {
        Auditor auditor = new Auditor(b.audit, b.clock);
        SourceResolver sources = new SourceResolver(b.hub, b.settings);
        ArtifactLinks links = new ArtifactLinks(b.catalog);
        RatingService ratings = new RatingService(b.catalog, links, new ModelRater(b.clock), b.settings);
        BundleIngester bundles = new BundleIngester(b.hub, new ContentStore(b.blobs), b.settings.maxBundleBytes(),
                b.settings.smallFileBytes(), b.settings.maxBundleFiles());
        this.blobCollector = new BlobCollector(b.catalog, b.blobs, b.clock, b.settings.blobCollectionGrace());
        LoginThrottle throttle = new LoginThrottle(b.settings.loginMaxFailures(), b.settings.loginMaxLockout(), b.clock);
        this.authenticate = new AuthenticateService(b.users, b.tokens, b.passwords, b.tokenCodec, b.clock, b.settings,
                throttle);
        this.authorizeCall = new AuthorizeCallService(b.tokenCodec, b.tokens, b.users, b.clock,
                b.settings.userRequestsPerSecond(), b.settings.userRequestBurst());
        RegisterArtifactService registrations = new RegisterArtifactService(b.catalog, sources, b.ids, auditor, ratings,
                bundles, blobCollector, b.clock);
        this.registerArtifact = registrations;
        this.getArtifact = new GetArtifactService(b.catalog);
        UpdateArtifactService updates = new UpdateArtifactService(b.catalog, sources, auditor, ratings, bundles,
                blobCollector, b.clock);
        this.updateArtifact = updates;
        this.deleteArtifact = new DeleteArtifactService(b.catalog, ratings);
        this.reset = new ResetRegistryService(b.catalog, b.audit, b.blobs, b.users, b.tokens, b.passwords, b.clock,
                () -> {
                    throttle.clear();
                    b.transactions.clear();
                });
        this.listArtifacts = new ListArtifactsService(b.catalog, b.settings);
        this.findByName = new FindArtifactsByNameService(b.catalog);
        this.searchByRegex = new SearchArtifactsByRegexService(b.catalog, b.settings);
        this.auditTrail = new GetAuditTrailService(b.catalog, b.audit, auditor);
        this.cost = new ComputeCostService(b.catalog, links);
        this.lineage = new GetLineageService(b.catalog, links);
        this.licenseCheck = new CheckLicenseCompatibilityService(b.catalog, b.hub, sources);
        this.packageConfusion = new AuditPackageConfusionService(b.catalog);
        this.rate = new RateModelService(b.catalog, ratings, auditor);
        this.registerUser = new RegisterUserService(b.users, b.passwords, b.clock, b.settings);
        this.deleteUser = new DeleteUserService(b.users, b.tokens);
        this.listUsers = new ListUsersService(b.users);
        this.health = new CheckHealthService(b.catalog, b.blobs, b.hub, b.monitors);
        DownloadArtifactService downloads = new DownloadArtifactService(b.catalog, b.blobs, links, auditor, b.settings,
                b.monitors);
        this.download = downloads;
        this.transactions = new TransactionService(b.transactions, b.catalog, registrations, updates, downloads, ratings,
                b.transactionSettings, auditor, b.settings.blobCollectionGrace().dividedBy(2), b.clock);
        this.sensitiveModels = new SensitiveModelsService(b.catalog, b.audit, auditor, b.clock);
        ResetRegistryService.ensureDefaultAdmin(b.users, b.passwords, b.clock);
    }

    /** A builder; every port must be set except the clock, id generator, settings and monitor sandbox. */
    public static Builder builder() {
        return new Builder();
    }

    public AuthenticateUseCase authenticate() {
        return authenticate;
    }

    public AuthorizeCallUseCase authorizeCall() {
        return authorizeCall;
    }

    public RegisterArtifactUseCase registerArtifact() {
        return registerArtifact;
    }

    public GetArtifactUseCase getArtifact() {
        return getArtifact;
    }

    public UpdateArtifactUseCase updateArtifact() {
        return updateArtifact;
    }

    public DeleteArtifactUseCase deleteArtifact() {
        return deleteArtifact;
    }

    public ResetRegistryUseCase reset() {
        return reset;
    }

    public ListArtifactsUseCase listArtifacts() {
        return listArtifacts;
    }

    public FindArtifactsByNameUseCase findByName() {
        return findByName;
    }

    public SearchArtifactsByRegexUseCase searchByRegex() {
        return searchByRegex;
    }

    public GetAuditTrailUseCase auditTrail() {
        return auditTrail;
    }

    public ComputeCostUseCase cost() {
        return cost;
    }

    public GetLineageUseCase lineage() {
        return lineage;
    }

    public CheckLicenseCompatibilityUseCase licenseCheck() {
        return licenseCheck;
    }

    public AuditPackageConfusionUseCase packageConfusion() {
        return packageConfusion;
    }

    public RateModelUseCase rate() {
        return rate;
    }

    public RegisterUserUseCase registerUser() {
        return registerUser;
    }

    public DeleteUserUseCase deleteUser() {
        return deleteUser;
    }

    public ListUsersUseCase listUsers() {
        return listUsers;
    }

    public CheckHealthUseCase health() {
        return health;
    }

    /**
     * The garbage collector of blobs no artifact references. The embedding application runs
     * {@link BlobCollector#collect()} periodically (the server does, every
     * {@code REGISTRY_BLOB_GC_INTERVAL}); no request but a reset deletes a blob.
     */
    public BlobCollector blobCollector() {
        return blobCollector;
    }

    public DownloadArtifactUseCase download() {
        return download;
    }

    public SensitiveModelsUseCase sensitiveModels() {
        return sensitiveModels;
    }

    public TransactionsUseCase transactions() {
        return transactions;
    }

    /** Collects the adapters a registry runs on. */
    public static final class Builder {
        private ArtifactCatalog catalog;
        private BlobStore blobs;
        private UserStore users;
        private TokenStore tokens;
        private AuditLog audit;
        private UpstreamHub hub;
        private PasswordHasher passwords;
        private TokenCodec tokenCodec;
        private InstantSource clock = InstantSource.system();
        private IdGenerator ids;
        private RegistrySettings settings = RegistrySettings.defaults();
        private TransactionStore transactions = new InMemoryTransactionStore();
        private TransactionSettings transactionSettings = TransactionSettings.defaults();
        private MonitorSandbox monitors = MonitorSandbox.unavailable(
                "this registry was built without a monitor sandbox (Registry.Builder.monitors)");

        private Builder() {
        }

        public Builder catalog(ArtifactCatalog value) {
            this.catalog = value;
            return this;
        }

        public Builder blobs(BlobStore value) {
            this.blobs = value;
            return this;
        }

        public Builder users(UserStore value) {
            this.users = value;
            return this;
        }

        public Builder tokens(TokenStore value) {
            this.tokens = value;
            return this;
        }

        public Builder audit(AuditLog value) {
            this.audit = value;
            return this;
        }

        public Builder hub(UpstreamHub value) {
            this.hub = value;
            return this;
        }

        public Builder passwords(PasswordHasher value) {
            this.passwords = value;
            return this;
        }

        public Builder tokenCodec(TokenCodec value) {
            this.tokenCodec = value;
            return this;
        }

        public Builder clock(InstantSource value) {
            this.clock = value;
            return this;
        }

        public Builder ids(IdGenerator value) {
            this.ids = value;
            return this;
        }

        public Builder settings(RegistrySettings value) {
            this.settings = value;
            return this;
        }

        /**
         * Where sensitive models' monitor programs run. Optional: without it, downloads of a
         * sensitive model that has a monitor program are refused with 503.
         */
        public Builder monitors(MonitorSandbox value) {
            this.monitors = value;
            return this;
        }

        /**
         * Where transactions wait to be executed. Optional: without it they are held in memory,
         * which suits one server; servers sharing a catalog must share a transaction store too.
         */
        public Builder transactions(TransactionStore value, TransactionSettings limits) {
            this.transactions = value;
            this.transactionSettings = limits;
            return this;
        }

        /** Wires the use cases and ensures the default administrator exists. */
        public Registry build() {
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(blobs, "blobs");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(passwords, "passwords");
            Objects.requireNonNull(tokenCodec, "tokenCodec");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(monitors, "monitors");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(transactionSettings, "transactionSettings");
            if (ids == null) {
                ids = new TimeOrderedIdGenerator(clock);
            }
            return new Registry(this);
        }
    }
}
