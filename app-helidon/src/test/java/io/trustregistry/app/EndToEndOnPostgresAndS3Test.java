package io.trustregistry.app;

import java.util.Map;

/** The end-to-end session on PostgreSQL and S3 (S3Proxy), as on AWS. */
class EndToEndOnPostgresAndS3Test extends EndToEndSessionTest {
    private final Backends.Shared shared = Backends.Shared.fresh();

    @Override
    Map<String, String> backend() {
        return shared.env();
    }

    @Override
    void releaseBackend() {
        shared.drop();
    }
}
