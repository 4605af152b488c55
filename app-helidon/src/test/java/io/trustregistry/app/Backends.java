package io.trustregistry.app;

import java.util.HashMap;
import java.util.Map;

import io.trustregistry.adapter.postgres.PostgresSettings;
import io.trustregistry.adapter.postgres.PostgresStorage;
import io.trustregistry.adapter.postgres.TestPostgres;
import io.trustregistry.adapter.s3.S3Settings;
import io.trustregistry.adapter.s3.TestS3;

/** Environment settings that put a test server on PostgreSQL and S3 (S3Proxy). */
final class Backends {

    private static TestS3 s3;

    private Backends() {
    }

    /** The S3Proxy shared by this JVM's tests. */
    static synchronized TestS3 s3() {
        if (s3 == null) {
            s3 = TestS3.start();
        }
        return s3;
    }

    /** A fresh schema and a fresh bucket. */
    record Shared(PostgresSettings postgres, S3Settings bucket) {

        static Shared fresh() {
            return new Shared(TestPostgres.freshSchema(), s3().freshBucket());
        }

        Map<String, String> env() {
            Map<String, String> env = new HashMap<>();
            env.put("REGISTRY_CATALOG", "postgres");
            env.put("REGISTRY_BLOBS", "s3");
            env.put("REGISTRY_DB_URL", postgres.jdbcUrl());
            env.put("REGISTRY_DB_USER", postgres.user());
            postgres.password().ifPresent(p -> env.put("REGISTRY_DB_PASSWORD", p));
            env.put("REGISTRY_DB_SCHEMA", postgres.schema());
            env.put("REGISTRY_S3_BUCKET", bucket.bucket());
            env.put("REGISTRY_S3_ENDPOINT", bucket.endpoint().orElseThrow().toString());
            env.put("REGISTRY_S3_ACCESS_KEY", TestS3.ACCESS_KEY);
            env.put("REGISTRY_S3_SECRET_KEY", TestS3.SECRET_KEY);
            return env;
        }

        /** Drops the schema. */
        void drop() {
            try (PostgresStorage storage = PostgresStorage.open(postgres)) {
                storage.dropSchema(postgres.schema());
            }
        }
    }
}
