package io.trustregistry.app;

import io.trustregistry.testkit.FakeHub;

/** A running registry that a test drives over HTTP, in this JVM or in a container. */
public interface Deployment extends AutoCloseable {

    /** A client for the registry's API. */
    Api api();

    /** The fake upstream hub the registry ingests from. */
    FakeHub hub();

    /** The registry's base URL, as it reports it in {@code download_url}. */
    String baseUrl();

    /** Stops the registry and releases what it used. */
    @Override
    void close();
}
