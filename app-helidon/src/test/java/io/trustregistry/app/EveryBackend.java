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
        TestServer filesystem = TestServer.start();
        Backends.Shared shared = Backends.Shared.fresh();
        return new EveryBackend(filesystem, shared, TestServer.start(shared.env()));
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
