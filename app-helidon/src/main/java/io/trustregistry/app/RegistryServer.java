package io.trustregistry.app;

import java.io.PrintStream;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;

import io.trustregistry.app.config.AppSettings;
import io.trustregistry.app.http.ReadDeadline;
import io.trustregistry.app.http.RegistryRouting;
import io.trustregistry.app.observability.EmfReporter;
import io.trustregistry.app.observability.ServerMetrics;
import io.trustregistry.app.wiring.RegistryComposition;
import io.trustregistry.core.port.out.UpstreamHub;

/**
 * A running registry: the composition (storage, hub, use cases) behind a Helidon web server.
 * {@link #close()} stops the server, then releases storage.
 */
public final class RegistryServer implements AutoCloseable {

    /** The version reported by {@code /health}. */
    public static final String VERSION = Optional.ofNullable(RegistryServer.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    private final RegistryComposition composition;
    private final WebServer server;
    private static final System.Logger LOG = System.getLogger(RegistryServer.class.getName());

    private final Optional<EmfReporter> emf;
    private final java.util.concurrent.ScheduledExecutorService collector;
    private final ReadDeadline readDeadline;

    private RegistryServer(RegistryComposition composition, WebServer server, Optional<EmfReporter> emf,
                           java.util.concurrent.ScheduledExecutorService collector, ReadDeadline readDeadline) {
        this.composition = composition;
        this.server = server;
        this.emf = emf;
        this.collector = collector;
        this.readDeadline = readDeadline;
    }

    /**
     * Runs the blob collector every {@code interval} on a thread of its own, off the request path.
     * A failed collection (the store unreachable) is logged and tried again next time.
     */
    private static java.util.concurrent.ScheduledExecutorService scheduleCollection(RegistryComposition composition,
                                                                                    java.time.Duration interval) {
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "blob-collector");
            thread.setDaemon(true);
            return thread;
        });
        if (!interval.isZero() && !interval.isNegative()) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    var done = composition.registry().blobCollector().collect();
                    if (done.deleted() > 0) {
                        LOG.log(System.Logger.Level.INFO, "blob collection deleted " + done.deleted()
                                + " unreferenced blobs (" + done.spared() + " spared, " + done.referenced()
                                + " referenced) in " + done.took().toMillis() + " ms");
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "blob collection failed; trying again in " + interval + ": "
                            + e.getMessage());
                }
            }, interval.toMillis(), interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return timer;
    }

    /** Starts a registry with the real upstream hub. */
    public static RegistryServer start(Config config, AppSettings settings) {
        return start(config, settings, null, Optional.of(System.out));
    }

    /**
     * Starts a registry.
     *
     * @param hub       the upstream hub to use, or null for the real HTTP hub
     * @param accessLog where JSON request lines go, if anywhere
     */
    public static RegistryServer start(Config config, AppSettings settings, UpstreamHub hub,
                                       Optional<PrintStream> accessLog) {
        RegistryComposition composition = hub == null ? RegistryComposition.create(settings)
                : RegistryComposition.create(settings, hub);
        ReadDeadline readDeadline = new ReadDeadline(settings.headerTimeout(), settings.bodyTimeout(),
                settings.writeTimeout(), settings.idleTimeout());
        try {
            ServerMetrics serverMetrics = new ServerMetrics();
            Http1Config http1 = Http1Config.builder().addReceiveListener(readDeadline)
                    .addSendListener(readDeadline.writes()).build();
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .host(settings.host())
                    .port(settings.port())
                    .maxTcpConnections(settings.maxConnections())
                    // idle connections are ReadDeadline's: Helidon's sweep measures from a request's start,
                    // so at a short timeout it would end a long request's connection right after it
                    .idleConnectionTimeout(IDLE_SWEEP_BACKSTOP)
                    // HTTP/1 through our selector only: being the one selector, it gets each connection
                    // at accept, so the header clock covers silent ones too
                    .protocolsDiscoverServices(false)
                    .addConnectionSelector(readDeadline.http1Selector(http1))
                    // a backstop: the JSON readers enforce the configured limit with a JSON 413
                    .maxPayloadSize(Math.max(settings.maxBodyBytes() * 4, settings.maxBodyBytes() + (1 << 20)))
                    .routing(routing -> RegistryRouting.configure(routing, composition.registry(), settings,
                            serverMetrics, accessLog, VERSION, readDeadline))
                    .build()
                    .start();
            Optional<EmfReporter> emf = Optional.empty();
            if (!settings.emfInterval().isZero() && accessLog.isPresent()) {
                // EMF lines share stdout with the access log: the awslogs driver ships both
                EmfReporter reporter = new EmfReporter(serverMetrics, accessLog.get(), "TrustRegistry",
                        settings.emfService(), java.time.Clock.systemUTC());
                reporter.start(settings.emfInterval().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                emf = Optional.of(reporter);
            }
            return new RegistryServer(composition, server, emf,
                    scheduleCollection(composition, settings.blobCollectionInterval()), readDeadline);
        } catch (RuntimeException e) {
            readDeadline.close();
            composition.close();
            throw e;
        }
    }

    /** Helidon's own idle sweep, kept only as a backstop behind ReadDeadline's idle clock. */
    static final java.time.Duration IDLE_SWEEP_BACKSTOP = java.time.Duration.ofHours(1);

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Storage description for the start-up banner. */
    public String storage() {
        return composition.describeStorage();
    }

    @Override
    public void close() {
        try {
            emf.ifPresent(EmfReporter::stop);
            collector.shutdownNow();
            try {
                server.stop();
            } finally {
                readDeadline.close();
            }
        } finally {
            composition.close();
        }
    }
}
