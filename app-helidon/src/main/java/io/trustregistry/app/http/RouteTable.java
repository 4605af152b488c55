package io.trustregistry.app.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * Every route the API serves, recorded as the endpoints register them ({@link #recording}), so
 * a route is written once, in its endpoint. Tells unmatched requests apart (an unknown path is a
 * 404, a known path with another method a 405 naming the methods it takes) and names the route
 * of a request for metrics and logs.
 */
final class RouteTable {

    /** One path pattern and the methods registered on it. */
    record Route(String pattern, Set<String> methods, Pattern regex) {
    }

    private final Map<String, Set<String>> registered = new LinkedHashMap<>();
    /** Most specific first, rebuilt on each registration (start-up only), read lock-free after. */
    private volatile List<Route> routes = List.of();

    /**
     * Rules that register on {@code rules} and record each route. Services registered under a
     * prefix ({@code register("/artifacts", ...)}) are recorded with it.
     */
    HttpRules recording(HttpRules rules) {
        return new Recorder(rules, "");
    }

    /** Records a route whose rules the table cannot see (a library's service, such as static files). */
    synchronized void declare(String method, String pattern) {
        registered.computeIfAbsent(pattern, p -> new LinkedHashSet<>()).add(method);
        List<Route> rebuilt = new ArrayList<>();
        registered.forEach((p, methods) -> rebuilt.add(new Route(p, Set.copyOf(methods), compile(p))));
        // more literal segments first; ties keep registration order, which is Helidon's order of matching
        rebuilt.sort(Comparator.comparingInt((Route r) -> -literalSegments(r.pattern())));
        routes = List.copyOf(rebuilt);
    }

    /** Every route, most specific first. */
    List<Route> routes() {
        return routes;
    }

    /** The route {@code path} matches, if any. A trailing slash is ignored. */
    Optional<Route> match(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Route route : routes) {
            if (route.regex().matcher(trimmed).matches()) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** The pattern {@code path} matches, if any. */
    Optional<String> routeOf(String path) {
        return match(path).map(Route::pattern);
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

    private static Pattern compile(String pattern) {
        return Pattern.compile(pattern.replaceAll("\\{\\+[a-z]+}", ".+").replaceAll("\\{[a-z]+}", "[^/]+"));
    }

    private static int literalSegments(String pattern) {
        int count = 0;
        for (String segment : pattern.split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                count++;
            }
        }
        return count;
    }

    private static String join(String prefix, String path) {
        String joined = prefix + (path.equals("/") ? "" : path);
        return joined.isEmpty() ? "/" : joined;
    }

    /** Delegates every rule and records the routes that carry a method and a path. */
    private final class Recorder implements HttpRules {
        private final HttpRules rules;
        private final String prefix;

        Recorder(HttpRules rules, String prefix) {
            this.rules = rules;
            this.prefix = prefix;
        }

        private HttpService[] under(String path, HttpService... services) {
            HttpService[] wrapped = new HttpService[services.length];
            for (int i = 0; i < services.length; i++) {
                HttpService service = services[i];
                wrapped[i] = new HttpService() {
                    @Override
                    public void routing(HttpRules inner) {
                        service.routing(new Recorder(inner, path));
                    }

                    @Override
                    public void beforeStart() {
                        service.beforeStart();
                    }

                    @Override
                    public void afterStop() {
                        service.afterStop();
                    }
                };
            }
            return wrapped;
        }

        @Override
        public HttpRules register(HttpService... services) {
            rules.register(under(prefix, services));
            return this;
        }

        @Override
        public HttpRules register(String path, HttpService... services) {
            rules.register(path, under(join(prefix, path), services));
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            rules.route(route);
            return this;
        }

        @Override
        public HttpRules route(Method method, String path, Handler handler) {
            declare(method.text(), join(prefix, path));
            rules.route(method, path, handler);
            return this;
        }

        @Override
        public HttpRules get(String path, Handler... handlers) {
            return each(Method.GET, path, handlers);
        }

        @Override
        public HttpRules post(String path, Handler... handlers) {
            return each(Method.POST, path, handlers);
        }

        @Override
        public HttpRules put(String path, Handler... handlers) {
            return each(Method.PUT, path, handlers);
        }

        @Override
        public HttpRules delete(String path, Handler... handlers) {
            return each(Method.DELETE, path, handlers);
        }

        @Override
        public HttpRules head(String path, Handler... handlers) {
            return each(Method.HEAD, path, handlers);
        }

        private HttpRules each(Method method, String path, Handler... handlers) {
            for (Handler handler : handlers) {
                route(method, path, handler);
            }
            return this;
        }
    }
}
