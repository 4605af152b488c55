package io.trustregistry.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Kaggle's public API v1 and the storage its downloads redirect to: two
 * servers, the API on {@code 127.0.0.1} and the "signed URL" storage host on {@code 127.0.0.2},
 * so a redirect from one to the other crosses hosts as it does in production
 * ({@code www.kaggle.com} to {@code storage.googleapis.com}).
 *
 * <p>Sources for each behaviour (all in the Kaggle/kaggle-api repository unless said otherwise):
 * <ul>
 *   <li>base URL {@code /api/v1} and HTTP basic auth: {@code src/KaggleSwagger.yaml}
 *       ({@code basePath: /api/v1}, {@code securityDefinitions: basicAuth}, global
 *       {@code security}) and {@code kaggle/configuration.py} (host
 *       {@code https://www.kaggle.com/api/v1}, {@code get_basic_auth_token});
 *       {@code KAGGLE_USERNAME}/{@code KAGGLE_KEY}: {@code kaggle_api_extended.py},
 *       {@code _authenticate_with_legacy_apikey};</li>
 *   <li>paths and JSON field names: kagglesdk {@code datasets/types/dataset_api_service.py}
 *       ({@code ApiGetDatasetRequest} → {@code /api/v1/datasets/view/{owner_slug}/{dataset_slug}},
 *       {@code ApiListDatasetFilesRequest}/{@code Response}, {@code ApiDownloadDatasetRequest},
 *       the {@code _fields} tables giving the camelCase wire names of {@code ApiDataset} and
 *       {@code ApiDatasetFile}); the download answers an {@code HttpRedirect}
 *       ({@code datasets/services/dataset_api_service.py}, {@code download_dataset});</li>
 *   <li>errors as {@code {"code": N, "message": "..."}}: the swagger {@code Error} definition;
 *       the 401 body {@code {"code":401,"message":"Unauthorized"}}: Kaggle/kaggle-cli issue #46;</li>
 *   <li>the signed storage URL's shape ({@code /kaggle-data-sets/{id}/{version}/bundle/archive.zip}
 *       with {@code X-Goog-*} query parameters, {@code X-Goog-Expires=259200}): signed URLs
 *       pasted into many public scripts; a signed URL refusing a request that also carries an
 *       {@code Authorization} header (400, "Only one auth mechanism allowed"): request/request
 *       issue #860, catalyst/moodle-tool_objectfs issue #303 (S3; GCS refuses likewise).</li>
 * </ul>
 * Every request is recorded, with its headers, for assertions.
 */
public final class FakeKaggle implements AutoCloseable {

    /** The user name the fake accepts. */
    public static final String USERNAME = "kaggle-tester";
    /** The API key the fake accepts. */
    public static final String KEY = "5f1e0c1d2b3a49586776a5b4c3d2e1f0";
    /** Kaggle's default page size for file listings (swagger: {@code pageSize}, default 20). */
    public static final int DEFAULT_PAGE_SIZE = 20;

    private static final String STORAGE_HOST = "127.0.0.2";

    private final HttpServer api;
    private final HttpServer storage;
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final Map<String, byte[]> signed = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean signedUrlsRefuseAuthorization = true;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** An answer given instead of the real one, {@code left} more times, to requests matching {@code prefix}. */
    private record Fault(String prefix, int status, String contentType, byte[] body, Map<String, String> headers,
                         AtomicInteger left) {
    }

    /** One recorded request. */
    public record Call(String host, String method, String path, String query, Map<String, List<String>> headers) {
        public Call {
            headers = Map.copyOf(headers);
        }

        /** The first value of a request header, ignoring case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** Whether this went to the storage host rather than the API. */
        public boolean toStorage() {
            return host.equals(STORAGE_HOST);
        }
    }

    /**
     * A dataset as the fake serves it.
     *
     * @param files file name to size in bytes, in listing order
     * @param lastUpdated ISO 8601 with milliseconds and {@code Z}, as kagglesdk's DateTimeSerializer writes it
     * @param omitted fields of {@code ApiDataset} left out of the view
     * @param listingError the {@code errorMessage} of every file listing, empty for none
     */
    public record Dataset(String owner, String slug, String title, String subtitle, String licenseName,
                          String description, long downloadCount, long voteCount, double usabilityRating,
                          int version, boolean isPrivate, String lastUpdated, Map<String, Long> files,
                          List<String> omitted, String listingError) {
        public Dataset {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(slug, "slug");
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
            omitted = List.copyOf(omitted);
            Objects.requireNonNull(listingError, "listingError");
        }

        /** {@code owner/slug}. */
        public String ref() {
            return owner + "/" + slug;
        }

        /** Sum of the file sizes: what {@code totalBytes} says. */
        public long totalBytes() {
            return files.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Builds a {@link Dataset}; unset fields get plausible defaults. */
    public static final class DatasetBuilder {
        private final String owner;
        private final String slug;
        private String title;
        private String subtitle = "";
        private String licenseName = "CC0: Public Domain";
        private String description = "";
        private long downloadCount;
        private long voteCount;
        private double usabilityRating = 0.5;
        private int version = 1;
        private boolean isPrivate;
        private String lastUpdated = "2024-03-11T09:41:27.123Z";
        private final Map<String, Long> files = new LinkedHashMap<>();
        private final List<String> omitted = new ArrayList<>();
        private String listingError = "";

        private DatasetBuilder(String owner, String slug) {
            this.owner = owner;
            this.slug = slug;
            this.title = slug;
        }

        public DatasetBuilder title(String value) {
            title = value;
            return this;
        }

        public DatasetBuilder subtitle(String value) {
            subtitle = value;
            return this;
        }

        public DatasetBuilder license(String kaggleLicenseName) {
            licenseName = kaggleLicenseName;
            return this;
        }

        public DatasetBuilder description(String markdown) {
            description = markdown;
            return this;
        }

        public DatasetBuilder downloads(long value) {
            downloadCount = value;
            return this;
        }

        public DatasetBuilder votes(long value) {
            voteCount = value;
            return this;
        }

        public DatasetBuilder usability(double value) {
            usabilityRating = value;
            return this;
        }

        public DatasetBuilder version(int value) {
            version = value;
            return this;
        }

        public DatasetBuilder privateDataset() {
            isPrivate = true;
            return this;
        }

        public DatasetBuilder lastUpdated(String iso) {
            lastUpdated = iso;
            return this;
        }

        public DatasetBuilder file(String name, long size) {
            files.put(name, size);
            return this;
        }

        /**
         * Leaves {@code fields} out of the dataset's view. kagglesdk writes a message without the
         * fields that are unset ({@code kaggle_object.py}, {@code KaggleObject.to_dict(ignore_defaults=True)}
         * drops every {@code None}), and reads a missing field as its default.
         */
        public DatasetBuilder withoutFields(String... fields) {
            omitted.addAll(List.of(fields));
            return this;
        }

        /**
         * Makes every file listing answer 200 with no files and this {@code errorMessage}: the
         * field {@code ApiListDatasetFilesResponse} has for it (kagglesdk
         * {@code datasets/types/dataset_api_service.py}); when Kaggle sets it is not documented.
         */
        public DatasetBuilder listingError(String message) {
            listingError = message;
            return this;
        }

        public Dataset build() {
            return new Dataset(owner, slug, title, subtitle, licenseName, description, downloadCount, voteCount,
                    usabilityRating, version, isPrivate, lastUpdated, files, omitted, listingError);
        }
    }

    private FakeKaggle() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage = HttpServer.create(new InetSocketAddress(STORAGE_HOST, 0), 0);
        for (HttpServer server : List.of(api, storage)) {
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        api.createContext("/", this::handleApi);
        storage.createContext("/", this::handleStorage);
        api.start();
        storage.start();
    }

    /** Starts an empty fake Kaggle on free ports of 127.0.0.1 (API) and 127.0.0.2 (storage). */
    public static FakeKaggle start() {
        try {
            return new FakeKaggle();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Kaggle (is 127.0.0.2 bindable here?)", e);
        }
    }

    /** Starts describing a dataset. */
    public static DatasetBuilder dataset(String owner, String slug) {
        return new DatasetBuilder(owner, slug);
    }

    /** Publishes {@code dataset}. */
    public FakeKaggle add(Dataset dataset) {
        datasets.put(key(dataset.owner(), dataset.slug()), dataset);
        return this;
    }

    /** Publishes what {@code builder} describes. */
    public FakeKaggle add(DatasetBuilder builder) {
        return add(builder.build());
    }

    /** {@code http://127.0.0.1:<port>/api/v1}: what {@code KaggleSettings.apiUrl} should be. */
    public String baseUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/api/v1";
    }

    /** {@code http://127.0.0.2:<port>}: where downloads are redirected. */
    public String storageUrl() {
        return "http://" + STORAGE_HOST + ":" + storage.getAddress().getPort();
    }

    /**
     * Whether signed URLs refuse requests carrying {@code Authorization} (the default, as real
     * signed URLs do). Turn off only to test streaming with a client that leaks credentials.
     */
    public void setSignedUrlsRefuseAuthorization(boolean refuse) {
        this.signedUrlsRefuseAuthorization = refuse;
    }

    /**
     * Answers the next {@code times} API requests whose path and query ({@code /api/v1/...?...})
     * start with {@code prefix} with {@code status} in Kaggle's error shape, adding {@code headers}.
     * Kaggle rate-limits with {@code 429 {"code":429,"message":"TooManyRequests"}} and publishes
     * no limits or reset times (Kaggle/kaggle-cli issue #132), so no {@code Retry-After} unless given.
     */
    public void failNext(String prefix, int status, int times, Map<String, String> headers) {
        String message = switch (status) {
            case 429 -> "TooManyRequests";
            case 404 -> "Not found";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
        answerNext(prefix, status, "application/json; charset=utf-8", Json.write(Json.obj("code", status, "message",
                message)), times, headers);
    }

    /**
     * Answers the next {@code times} API requests matching {@code prefix} (as {@link #failNext}) with
     * this body: what something between the registry and Kaggle (a proxy, a captive portal, a
     * maintenance page) may answer in its place.
     */
    public void answerNext(String prefix, int status, String contentType, String body, int times) {
        answerNext(prefix, status, contentType, body, times, Map.of());
    }

    private void answerNext(String prefix, int status, String contentType, String body, int times,
                            Map<String, String> headers) {
        faults.add(new Fault(prefix, status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.copyOf(headers),
                new AtomicInteger(times)));
    }

    /** Every request so far, in arrival order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Requests whose path starts with {@code pathPrefix} (API paths include {@code /api/v1}). */
    public List<Call> callsTo(String pathPrefix) {
        return calls.stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
    }

    /** Requests that reached the storage host. */
    public List<Call> storageCalls() {
        return calls.stream().filter(Call::toStorage).toList();
    }

    /** The zip a download of the whole dataset serves (deterministic). */
    public byte[] archive(String owner, String slug) {
        Dataset dataset = datasets.get(key(owner, slug));
        if (dataset == null) {
            throw new IllegalArgumentException("no dataset " + owner + "/" + slug);
        }
        return zip(dataset);
    }

    /** The bytes a download of one file serves (deterministic, of the listed size). */
    public byte[] fileContent(String owner, String slug, String file) {
        Dataset dataset = datasets.get(key(owner, slug));
        if (dataset == null || !dataset.files().containsKey(file)) {
            throw new IllegalArgumentException("no file " + file + " in " + owner + "/" + slug);
        }
        return content(dataset, file);
    }

    @Override
    public void close() {
        api.stop(0);
        storage.stop(0);
    }

    private void record(HttpExchange exchange, String host) {
        URI uri = exchange.getRequestURI();
        calls.add(new Call(host, exchange.getRequestMethod(), uri.getRawPath(),
                Optional.ofNullable(uri.getRawQuery()).orElse(""), exchange.getRequestHeaders()));
    }

    private void handleApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            record(exchange, "127.0.0.1");
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith("/api/v1/")) {
                error(exchange, 404, "Not found");
                return;
            }
            // swagger: every operation inherits the global `security: basicAuth`; the CLI always
            // authenticates; a missing or wrong key is answered 401 (kaggle-cli #46, #279)
            if (!authorised(exchange)) {
                error(exchange, 401, "Unauthorized");
                return;
            }
            if (faulted(exchange)) {
                return;
            }
            String[] s = path.substring("/api/v1/".length()).split("/");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (s.length < 4 || !s[0].equals("datasets") || !exchange.getRequestMethod().equals("GET")) {
                error(exchange, 404, "Not found");
                return;
            }
            Dataset dataset = datasets.get(key(decode(s[2]), decode(s[3])));
            if (dataset == null) {
                // swagger `Error` example: {"code": 404, "message": "NotFound"}; kaggle-cli #68, #221
                error(exchange, 404, "Not found");
                return;
            }
            if (dataset.isPrivate() && !dataset.owner().equalsIgnoreCase(USERNAME)) {
                // assumed: another user's private dataset is refused (kaggle-cli #87, #426 show
                // 403 "Forbidden" for datasets the caller may not read); not verified live
                error(exchange, 403, "Forbidden");
                return;
            }
            String version = query.getOrDefault("datasetVersionNumber", "");
            if (!version.isEmpty() && !version.equals(Integer.toString(dataset.version()))) {
                error(exchange, 404, "Dataset version not found");
                return;
            }
            switch (s[1]) {
                case "view" -> {
                    if (s.length != 4) {
                        error(exchange, 404, "Not found");
                    } else {
                        json(exchange, 200, view(dataset));
                    }
                }
                case "list" -> {
                    if (s.length != 4) {
                        error(exchange, 404, "Not found");
                    } else {
                        list(exchange, dataset, query);
                    }
                }
                case "download" -> download(exchange, dataset, s);
                default -> error(exchange, 404, "Not found");
            }
        }
    }

    /** Gives the first armed fault matching the request, if any; true if it answered. */
    private boolean faulted(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        for (Fault fault : faults) {
            if (target.startsWith(fault.prefix()) && fault.left().getAndDecrement() > 0) {
                fault.headers().forEach(exchange.getResponseHeaders()::set);
                send(exchange, fault.status(), fault.contentType(), fault.body());
                return true;
            }
        }
        return false;
    }

    /** {@code ApiDataset} as kagglesdk names its fields on the wire, less the ones the dataset omits. */
    private Map<String, Object> view(Dataset d) {
        Map<String, Object> view = fullView(d);
        d.omitted().forEach(view::remove);
        return view;
    }

    private Map<String, Object> fullView(Dataset d) {
        List<Object> tags = List.of(Json.obj("ref", "data-type/tabular", "name", "tabular", "description", "",
                "fullPath", "data type > tabular", "competitionCount", 0, "datasetCount", 1, "scriptCount", 0,
                "totalCount", 1));
        return Json.obj("id", id(d), "ref", d.ref(), "subtitle", d.subtitle(), "creatorName", d.owner(),
                "creatorUrl", d.owner(), "totalBytes", d.totalBytes(), "url",
                "https://www.kaggle.com/datasets/" + d.ref(), "lastUpdated", d.lastUpdated(),
                "downloadCount", d.downloadCount(), "isPrivate", d.isPrivate(), "isFeatured", false,
                "licenseName", d.licenseName(), "description", d.description(), "ownerName", d.owner(),
                "ownerRef", d.owner(), "kernelCount", 3, "title", d.title(), "topicCount", 1, "viewCount",
                d.downloadCount() * 5, "voteCount", d.voteCount(), "currentVersionNumber", d.version(),
                "usabilityRating", d.usabilityRating(), "tags", tags, "files", List.of(), "versions", List.of(),
                "thumbnailImageUrl", "");
    }

    /**
     * {@code ApiListDatasetFilesResponse}: {@code datasetFiles}, and {@code nextPageToken} while
     * more pages follow (kaggle_api_extended.py prints "Next Page Token" only when it is set).
     * Page size from {@code pageSize}, default 20 (swagger). The token is opaque.
     */
    private void list(HttpExchange exchange, Dataset d, Map<String, String> query) throws IOException {
        int size = DEFAULT_PAGE_SIZE;
        int offset = 0;
        try {
            if (query.containsKey("pageSize")) {
                size = Math.max(1, Math.min(1000, Integer.parseInt(query.get("pageSize"))));
            }
            String token = query.getOrDefault("pageToken", "");
            if (!token.isEmpty()) {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (!decoded.startsWith("offset:")) {
                    throw new IllegalArgumentException(decoded);
                }
                offset = Integer.parseInt(decoded.substring("offset:".length()));
            }
        } catch (IllegalArgumentException e) {
            // assumed: a malformed page token or size is a bad request
            error(exchange, 400, "Invalid page token or size");
            return;
        }
        List<String> names = new ArrayList<>(d.files().keySet());
        List<Object> page = new ArrayList<>();
        for (int i = offset; i < Math.min(names.size(), offset + size); i++) {
            String name = names.get(i);
            page.add(Json.obj("ref", name, "datasetRef", d.ref(), "ownerRef", d.owner(), "name", name,
                    "creationDate", d.lastUpdated(), "description", "", "fileType", extension(name),
                    "url", "https://www.kaggle.com/datasets/" + d.ref() + "?select=" + name,
                    "totalBytes", d.files().get(name), "columns", List.of()));
        }
        if (!d.listingError().isEmpty()) {
            json(exchange, 200, Json.obj("datasetFiles", List.of(), "errorMessage", d.listingError()));
            return;
        }
        Map<String, Object> body = Json.obj("datasetFiles", page);
        if (offset + size < names.size()) {
            body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + (offset + size)).getBytes(StandardCharsets.UTF_8)));
        }
        json(exchange, 200, body);
    }

    /**
     * {@code /datasets/download/{o}/{s}} (the dataset's zip) and {@code .../{fileName}} (one
     * file): a 302 to a freshly signed storage URL on the other host (kagglesdk
     * {@code download_dataset} returns {@code HttpRedirect}).
     */
    private void download(HttpExchange exchange, Dataset d, String[] s) throws IOException {
        String objectPath;
        byte[] content;
        if (s.length == 4) {
            objectPath = "/kaggle-data-sets/" + id(d) + "/" + d.version() + "/bundle/archive.zip";
            content = zip(d);
        } else {
            StringBuilder file = new StringBuilder();
            for (int i = 4; i < s.length; i++) {
                file.append(i > 4 ? "/" : "").append(decode(s[i]));
            }
            if (!d.files().containsKey(file.toString())) {
                error(exchange, 404, "Not found");
                return;
            }
            objectPath = "/kaggle-data-sets/" + id(d) + "/" + d.version() + "/" + s[s.length - 1];
            content = content(d, file.toString());
        }
        String signature = HexFormat.of().formatHex(randomBytes());
        signed.put(objectPath + "|" + signature, content);
        String location = storageUrl() + objectPath + "?X-Goog-Algorithm=GOOG4-RSA-SHA256"
                + "&X-Goog-Credential=gcp-kaggle-com%40kaggle-161607.iam.gserviceaccount.com%2F20240311%2Fauto"
                + "%2Fstorage%2Fgoog4_request&X-Goog-Date=20240311T094127Z&X-Goog-Expires=259200"
                + "&X-Goog-SignedHeaders=host&X-Goog-Signature=" + signature;
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void handleStorage(HttpExchange exchange) throws IOException {
        try (exchange) {
            record(exchange, STORAGE_HOST);
            if (signedUrlsRefuseAuthorization && exchange.getRequestHeaders().containsKey("Authorization")) {
                // a query-string signature and an Authorization header together are refused
                // (request/request #860: basic auth sent on to a signed S3 URL; GCS likewise)
                xml(exchange, 400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Goog-Signature"
                        + " query parameter or the Authorization header should be specified");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String signature = query(exchange.getRequestURI().getRawQuery()).getOrDefault("X-Goog-Signature", "");
            byte[] content = signed.get(path + "|" + signature);
            if (content == null) {
                xml(exchange, 403, "SignatureDoesNotMatch", "Access denied. The request signature we calculated"
                        + " does not match the signature you provided.");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", path.endsWith(".zip") ? "application/zip"
                    : "application/octet-stream");
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(content.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
    }

    private static boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            return pair.equals(USERNAME + ":" + KEY);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] zip(Dataset d) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : d.files().keySet()) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(1_710_150_087_000L);
                zip.putNextEntry(entry);
                zip.write(content(d, name));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] content(Dataset d, String file) {
        long size = d.files().get(file);
        if (size > 64L * 1024 * 1024) {
            throw new IllegalStateException("the fake serves files up to 64 MiB; " + file + " is " + size);
        }
        try (InputStream in = FakeHub.generated("kaggle:" + d.ref() + ":" + file, size)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static int id(Dataset d) {
        return 100_000 + Math.floorMod(d.ref().toLowerCase(Locale.ROOT).hashCode(), 900_000);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static String key(String owner, String slug) {
        // Kaggle slugs are case-insensitive in URLs
        return (owner + "/" + slug).toLowerCase(Locale.ROOT);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            values.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return values;
    }

    /** Kaggle's error shape (swagger {@code Error}: {@code code}, {@code message}). */
    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Json.obj("code", status, "message", message));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void xml(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "application/xml; charset=UTF-8", ("<?xml version='1.0' encoding='UTF-8'?><Error><Code>"
                + code + "</Code><Message>" + message + "</Message></Error>").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
