package io.trustregistry.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.helidon.webserver.http.HttpRouting;

import org.junit.jupiter.api.Test;

/** The table holds what the endpoints registered, with their prefixes, most specific first. */
class RouteTableTest {

    @Test
    void routesAreRecordedWithTheirPrefixAndMethods() {
        RouteTable table = new RouteTable();
        HttpRouting.Builder routing = HttpRouting.builder();
        table.recording(routing)
                .register("/things", rules -> rules.post("/", (req, res) -> res.send())
                        .get("/{type}/{id}", (req, res) -> res.send())
                        .delete("/{type}/{id}", (req, res) -> res.send()))
                .register("/thing", rules -> rules.post("/byRegEx", (req, res) -> res.send()),
                        rules -> rules.post("/{type}", (req, res) -> res.send()));
        routing.build();
        assertEquals(List.of("/thing/byRegEx", "/things", "/things/{type}/{id}", "/thing/{type}"),
                table.routes().stream().map(RouteTable.Route::pattern).toList());
        assertEquals(Set.of("GET", "DELETE"), table.match("/things/model/7").orElseThrow().methods());
        assertEquals(Optional.of("/thing/byRegEx"), table.routeOf("/thing/byRegEx/"));
        assertEquals(Optional.of("/thing/{type}"), table.routeOf("/thing/dataset"));
        assertEquals(Optional.empty(), table.routeOf("/thingsX"));
    }

    /** Where a greedy pattern and another tie, the one registered first wins, as it does in Helidon. */
    @Test
    void tiesKeepTheOrderOfRegistration() {
        RouteTable table = new RouteTable();
        HttpRouting.Builder routing = HttpRouting.builder();
        table.recording(routing)
                .register("/artifact", rules -> rules.get("/byName/{+name}", (req, res) -> res.send()),
                        rules -> rules.get("/{type}/{id}/cost", (req, res) -> res.send()));
        routing.build();
        assertEquals(Optional.of("/artifact/byName/{+name}"), table.routeOf("/artifact/byName/acme/cost"));
        assertEquals(Optional.of("/artifact/{type}/{id}/cost"), table.routeOf("/artifact/model/7/cost"));
    }
}
