package io.trustregistry.adapter.hub;

import io.trustregistry.core.port.out.UpstreamHub;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;
import io.trustregistry.testkit.UpstreamHubContract;

/** The hub contract, against the real HTTP clients talking to a fake hub on loopback. */
class HttpHubContractTest extends UpstreamHubContract {

    private FakeHub fake;

    @Override
    protected UpstreamHub hubServing(HubFixtures fixtures) {
        fake = FakeHub.serving(fixtures);
        return new HttpUpstreamHub(HubSettings.defaults().pointedAt(fake.baseUrl()));
    }

    @Override
    protected void closeHub(UpstreamHub hub) {
        fake.close();
    }
}
