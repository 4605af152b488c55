package io.trustregistry.adapter.s3;

import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;

import org.gaul.s3proxy.junit.S3ProxyJunitCore;

/**
 * An S3 server for tests: S3Proxy, a real implementation of the S3 protocol, in this process,
 * on a fixed port so it can be stopped (the dependency "fails") and started again (it "comes
 * back"). Every store a test opens gets its own fresh bucket.
 */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "access";
    public static final String SECRET_KEY = "secret-key";

    private final int port;
    private S3ProxyJunitCore proxy;

    private TestS3(int port) {
        this.port = port;
    }

    /** Starts an S3Proxy on a free port. */
    public static TestS3 start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port", e);
        }
        TestS3 s3 = new TestS3(port);
        s3.resume();
        return s3;
    }

    /** Its endpoint. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Settings for a new bucket on this server (created). */
    public S3Settings freshBucket() {
        S3Settings settings = S3Settings.compatible(endpoint(), "test-" + UUID.randomUUID().toString().substring(0, 8),
                ACCESS_KEY, SECRET_KEY);
        try (S3BlobStore store = new S3BlobStore(settings)) {
            store.createBucketIfMissing();
        }
        return settings;
    }

    /** Stops serving (the dependency fails). */
    public synchronized void suspend() {
        if (proxy != null) {
            proxy.afterEach();
            proxy = null;
        }
    }

    /** Serves again on the same port. Content does not survive a suspension. */
    public synchronized void resume() {
        if (proxy == null) {
            proxy = new S3ProxyJunitCore.Builder().withCredentials(ACCESS_KEY, SECRET_KEY).withPort(port).build();
            try {
                proxy.beforeEach();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start S3Proxy on port " + port, e);
            }
        }
    }

    @Override
    public void close() {
        suspend();
    }
}
