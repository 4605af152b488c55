package io.trustregistry.app;

import java.util.List;

/**
 * One server per storage backend, for tests that must hold on every one: the embedded
 * filesystem default, and PostgreSQL + S3 ({@link Backends.Shared}).
 */
final class EveryBackend implements AutoCloseable {

    private final TestServer filesystem;
    private final Backends.Shared shared;
    private final TestServer postgres;

    private EveryBackend(TestServer filesystem, Backends.Shared shared, TestServer postgres) {
        this.filesystem = filesystem;
        this.shared = shared;
        this.postgres = postgres;
    }

    static EveryBackend start() {
        return start(java.util.Map.of());
    }

    /** The servers, each with {@code extraEnv} on top of its backend's settings. */
    static EveryBackend start(java.util.Map<String, String> extraEnv) {
        TestServer filesystem = TestServer.start(extraEnv);
        Backends.Shared shared = Backends.Shared.fresh();
        java.util.Map<String, String> env = new java.util.HashMap<>(shared.env());
        env.putAll(extraEnv);
        return new EveryBackend(filesystem, shared, TestServer.start(env));
    }

    /** The servers, the filesystem one first. */
    List<TestServer> servers() {
        return List.of(filesystem, postgres);
    }

    @Override
    public void close() {
        filesystem.close();
        postgres.close();
        shared.drop();
    }
}
