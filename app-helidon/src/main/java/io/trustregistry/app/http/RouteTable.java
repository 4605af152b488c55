package io.trustregistry.app.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every path pattern the API serves, so unmatched requests can be told apart: an unknown path
 * is a 404, a known path with the wrong method a 405. Also names the route of a request for
 * metrics and logs.
 */
final class RouteTable {

    /** Patterns, most specific first (literal segments before parameters). */
    static final List<String> PATTERNS = List.of(
            "/health/components", "/health/logs", "/health", "/tracks", "/authenticate", "/reset", "/openapi",
            "/metrics", "/ui/{+path}", "/ui", "/",
            "/artifacts/PackageConfusionAudit", "/artifacts/{type}/{id}/download", "/artifacts/{type}/{id}",
            "/artifacts", "/artifact/byName/{+name}", "/artifact/byRegEx", "/artifact/model/{id}/rate",
            "/artifact/model/{id}/lineage", "/artifact/model/{id}/license-check", "/artifact/{type}/{id}/cost",
            "/artifact/{type}/{id}/audit", "/artifact/{type}", "/users/{+name}", "/users");

    private static final List<Pattern> COMPILED = PATTERNS.stream()
            .map(p -> Pattern.compile(p.replaceAll("\\{\\+[a-z]+}", ".+").replaceAll("\\{[a-z]+}", "[^/]+"))).toList();

    private RouteTable() {
    }

    /** The pattern {@code path} matches, if any. */
    static Optional<String> routeOf(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (int i = 0; i < PATTERNS.size(); i++) {
            if (COMPILED.get(i).matcher(trimmed).matches()) {
                return Optional.of(PATTERNS.get(i));
            }
        }
        return Optional.empty();
    }

    /** The artifact type a path names, for per-type metrics. */
    static String artifactTypeOf(String path) {
        for (String type : new String[] {"model", "dataset", "code"}) {
            if (path.startsWith("/artifact/" + type) || path.startsWith("/artifacts/" + type)) {
                return type;
            }
        }
        return null;
    }
}
