package io.trustregistry.adapter.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;

/**
 * Reads Kaggle datasets through Kaggle's public API v1 ({@code https://www.kaggle.com/api/v1},
 * HTTP basic auth with {@code KAGGLE_USERNAME}:{@code KAGGLE_KEY}):
 * <ul>
 *   <li>{@code GET /datasets/view/{owner}/{slug}}: the dataset ({@code ApiDataset}: title,
 *       subtitle, description, licenseName, totalBytes, downloadCount, voteCount,
 *       usabilityRating, lastUpdated, currentVersionNumber, ...);</li>
 *   <li>{@code GET /datasets/list/{owner}/{slug}[?pageToken=...]}: its files,
 *       {@code {"datasetFiles": [...], "nextPageToken": "..."}}, followed for at most
 *       {@value #MAX_FILE_PAGES} pages;</li>
 *   <li>{@code GET /datasets/download/{owner}/{slug}[/{file}]}: a 302 to a signed storage URL
 *       on another host, serving the dataset's zip (or the one file).</li>
 * </ul>
 * Endpoints and field names as in kagglesdk's {@code datasets/types/dataset_api_service.py}
 * (Kaggle/kaggle-api). Without credentials, or when Kaggle refuses them, the evidence holds
 * only what the URL tells, and says so in its degradations: registration does not fail.
 */
final class KaggleClient {

    /** Pages of the file listing followed (Kaggle's default page size is 20). */
    static final int MAX_FILE_PAGES = 10;

    private final HttpFetcher http;
    private final HubSettings hubSettings;
    private final KaggleSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    KaggleClient(HttpFetcher http, HubSettings hubSettings, KaggleSettings settings) {
        this.http = http;
        this.hubSettings = hubSettings;
        this.settings = settings;
    }

    /** The name of the one archive that holds the whole dataset, as Kaggle's CLI saves it. */
    static String archiveName(String slug) {
        return slug + ".zip";
    }

    SourceEvidence resolve(SourceLocator.Kaggle dataset) {
        if (!settings.hasCredentials()) {
            return unread(dataset, "Kaggle credentials (KAGGLE_USERNAME/KAGGLE_KEY) are not configured, so the"
                    + " dataset's metadata, license, files and size are unknown");
        }
        URI viewUri = api("/datasets/view/" + path(dataset));
        JsonNode view;
        try {
            view = parse(http.get(viewUri, headers(), hubSettings.maxJsonBytes(), false).body(), viewUri);
        } catch (UpstreamException.AccessDenied | UpstreamException.CredentialsRejected e) {
            // the refusal is recorded in the hub's credential health; the dataset still registers by its URL
            return unread(dataset, "Kaggle refused the configured credentials (KAGGLE_USERNAME/KAGGLE_KEY) or access"
                    + " to the dataset (" + e.getMessage() + "), so the dataset's metadata, license, files and size"
                    + " are unknown");
        } catch (UpstreamException.SourceNotFound e) {
            throw new UpstreamException.SourceNotFound("Kaggle has no dataset " + dataset.ref()
                    + " (or it is private to another account): " + e.getMessage());
        }
        List<String> degradations = new ArrayList<>();
        List<SourceFile> files = listFiles(dataset, degradations);
        return evidence(dataset, view, files, degradations);
    }

    private SourceEvidence evidence(SourceLocator.Kaggle dataset, JsonNode view, List<SourceFile> files,
                                    List<String> degradations) {
        long total = view.path("totalBytes").asLong(0);
        if (total <= 0) {
            total = files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "title", view.path("title"));
        put(attributes, "subtitle", view.path("subtitle"));
        put(attributes, "usability_rating", view.path("usabilityRating"));
        put(attributes, "version", view.path("currentVersionNumber"));
        put(attributes, "license_name", view.path("licenseName"));
        put(attributes, "owner_name", view.path("ownerName"));
        put(attributes, "creator_name", view.path("creatorName"));
        put(attributes, "view_count", view.path("viewCount"));
        put(attributes, "kernel_count", view.path("kernelCount"));
        attributes.put("file_count", Integer.toString(files.size()));
        attributes.put("archive", archiveName(dataset.slug()));
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : view.path("tags")) {
            String name = tag.path("name").asText(tag.path("ref").asText("")).strip();
            if (!name.isEmpty()) {
                tags.add(name);
            }
        }
        if (!tags.isEmpty()) {
            attributes.put("tags", String.join(", ", tags));
        }
        String description = view.path("description").asText("");
        if (description.length() > hubSettings.maxReadmeBytes()) {
            description = description.substring(0, hubSettings.maxReadmeBytes());
        }
        if (description.isBlank()) {
            // a dataset without a description still has a title and subtitle worth showing
            description = "# " + view.path("title").asText(dataset.slug()) + "\n\n" + view.path("subtitle").asText("");
        }
        String ref = view.path("ref").asText(dataset.ref());
        SourceLocator.Kaggle canonical = ref.matches("[^/]+/[^/]+")
                ? new SourceLocator.Kaggle(ref.substring(0, ref.indexOf('/')), ref.substring(ref.indexOf('/') + 1))
                : dataset;
        return SourceEvidence.builder(SourceKind.KAGGLE_DATASET, canonical.canonicalUrl(), canonical.slug())
                .hubId(canonical.ref())
                .readme(description)
                .license(spdx(view.path("licenseName").asText("")).orElse(null))
                .files(files)
                .totalSizeBytes(total)
                .popularity(new Popularity(view.path("downloadCount").asLong(-1), view.path("voteCount").asLong(-1),
                        kaggleTime(view.path("lastUpdated").asText(""))))
                .codeReferences(HuggingFaceClient.gitHubLinks(description))
                .attributes(attributes)
                .degradations(degradations)
                .build();
    }

    /** Every page of {@code /datasets/list}, up to {@value #MAX_FILE_PAGES}; a failure degrades. */
    private List<SourceFile> listFiles(SourceLocator.Kaggle dataset, List<String> degradations) {
        List<SourceFile> files = new ArrayList<>();
        String token = "";
        for (int page = 0; page < MAX_FILE_PAGES; page++) {
            URI uri = api("/datasets/list/" + path(dataset) + (token.isEmpty() ? "" : "?pageToken="
                    + UrlPaths.segment(token)));
            JsonNode listing;
            try {
                listing = parse(http.get(uri, headers(), hubSettings.maxJsonBytes(), false).body(), uri);
            } catch (UpstreamException.RateLimited stop) {
                // not a gap in the evidence: the registration answers 503 with the wait
                throw stop;
            } catch (UpstreamException e) {
                degradations.add("Kaggle file listing unavailable after " + files.size() + " files: "
                        + e.getMessage());
                return files;
            }
            String error = listing.path("errorMessage").asText("");
            if (!error.isBlank()) {
                degradations.add("Kaggle file listing failed: " + error);
                return files;
            }
            for (JsonNode file : listing.path("datasetFiles")) {
                String name = file.path("name").asText(file.path("ref").asText("")).strip();
                if (!name.isEmpty()) {
                    files.add(new SourceFile(name, file.path("totalBytes").asLong(-1), Optional.empty()));
                }
            }
            token = listing.path("nextPageToken").asText("");
            if (token.isEmpty()) {
                return files;
            }
        }
        degradations.add("Kaggle file listing truncated: more than " + MAX_FILE_PAGES + " pages of files ("
                + files.size() + " listed); the size is Kaggle's total");
        return files;
    }

    /**
     * Streams a dataset file: the whole dataset's zip for {@link #archiveName}, otherwise the one
     * named file, at the version the evidence was read from. Kaggle answers with a redirect to a
     * signed storage URL, which {@link HttpFetcher} follows.
     */
    InputStream openFile(SourceEvidence evidence, SourceFile file) {
        String ref = evidence.hubId().orElseThrow(() -> new UpstreamException.Unsupported(
                "the evidence of " + evidence.canonicalUrl() + " names no Kaggle dataset"));
        int slash = ref.indexOf('/');
        SourceLocator.Kaggle dataset = new SourceLocator.Kaggle(ref.substring(0, slash), ref.substring(slash + 1));
        StringBuilder target = new StringBuilder("/datasets/download/").append(path(dataset));
        if (!file.path().equals(archiveName(dataset.slug()))) {
            for (String part : file.path().split("/")) {
                target.append('/').append(UrlPaths.segment(part));
            }
        }
        String version = evidence.attributes().getOrDefault("version", "");
        if (version.matches("[0-9]{1,9}")) {
            target.append("?datasetVersionNumber=").append(version);
        }
        if (!settings.hasCredentials()) {
            throw new UpstreamException.AccessDenied("Kaggle downloads need credentials (KAGGLE_USERNAME/KAGGLE_KEY),"
                    + " and none are configured");
        }
        return http.stream(api(target.toString()), authorization());
    }

    /** Evidence from the URL alone: name and canonical URL, with a note saying why. */
    private static SourceEvidence unread(SourceLocator.Kaggle dataset, String why) {
        return SourceEvidence.builder(SourceKind.KAGGLE_DATASET, dataset.canonicalUrl(), dataset.slug())
                .hubId(dataset.ref())
                .popularity(Popularity.UNKNOWN)
                .attributes(Map.of("archive", archiveName(dataset.slug())))
                .degradations(List.of(why))
                .build();
    }

    /**
     * The SPDX identifier of a Kaggle license name where it clearly is one, else the name as
     * published. Kaggle shows display names ("CC0: Public Domain", "CC BY-SA 4.0", "GPL 2") and
     * takes identifiers in dataset-metadata.json ("CC0-1.0", "CC-BY-SA-4.0", "GPL-2.0"); both are
     * listed in Kaggle/kaggle-api docs/datasets_metadata.md, "Licenses".
     */
    static Optional<String> spdx(String licenseName) {
        String name = licenseName == null ? "" : licenseName.strip();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[\\s:_]+", " ").replaceAll("\\s*-\\s*", "-").strip();
        String mapped = switch (key) {
            case "cc0-1.0", "cc0 public domain", "cc0", "public domain", "cc0 1.0" -> "CC0-1.0";
            case "cc-by-sa-3.0", "cc by-sa 3.0" -> "CC-BY-SA-3.0";
            case "cc-by-sa-4.0", "cc by-sa 4.0" -> "CC-BY-SA-4.0";
            case "cc-by-nc-sa-4.0", "cc by-nc-sa 4.0" -> "CC-BY-NC-SA-4.0";
            case "cc-by-4.0", "cc by 4.0", "attribution 4.0 international (cc by 4.0)" -> "CC-BY-4.0";
            case "cc-by-3.0", "cc by 3.0" -> "CC-BY-3.0";
            case "cc-by-nc-4.0", "cc by-nc 4.0" -> "CC-BY-NC-4.0";
            case "cc-by-nd-4.0", "cc by-nd 4.0" -> "CC-BY-ND-4.0";
            case "cc-by-nc-nd-4.0", "cc by-nc-nd 4.0" -> "CC-BY-NC-ND-4.0";
            case "gpl-2.0", "gpl 2", "gpl 2.0", "gnu gpl 2" -> "GPL-2.0";
            case "gpl-3.0", "gpl 3", "gpl 3.0", "gnu gpl 3" -> "GPL-3.0";
            case "lgpl-3.0", "lgpl 3.0" -> "LGPL-3.0";
            case "agpl-3.0", "agpl 3.0" -> "AGPL-3.0";
            case "apache-2.0", "apache 2.0", "apache license 2.0", "apache 2" -> "Apache-2.0";
            case "mit", "mit license" -> "MIT";
            case "odbl-1.0", "odbl 1.0" -> "ODbL-1.0";
            case "odc-by-1.0", "odc-by 1.0" -> "ODC-By-1.0";
            case "pddl", "pddl-1.0" -> "PDDL-1.0";
            case "cdla-permissive-1.0" -> "CDLA-Permissive-1.0";
            case "cdla-sharing-1.0" -> "CDLA-Sharing-1.0";
            case "fdl-1.3" -> "GFDL-1.3";
            default -> name;
        };
        return Optional.of(mapped);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>(authorization());
        headers.put("Accept", "application/json");
        return headers;
    }

    /**
     * HTTP basic credentials, as Kaggle's client sends them (swagger {@code securityDefinitions: basicAuth}).
     * Only called with credentials configured: without them nothing is asked of Kaggle.
     */
    private Map<String, String> authorization() {
        String pair = settings.username().orElseThrow() + ":" + settings.key().orElseThrow();
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                pair.getBytes(StandardCharsets.UTF_8)));
    }

    private URI api(String pathAndQuery) {
        return URI.create(settings.apiUrl().toString().replaceAll("/+$", "") + pathAndQuery);
    }

    private static String path(SourceLocator.Kaggle dataset) {
        return UrlPaths.segment(dataset.owner()) + "/" + UrlPaths.segment(dataset.slug());
    }

    private JsonNode parse(byte[] body, URI from) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new UpstreamException.Unavailable(from.getHost() + " sent an unexpected answer for "
                        + from.getPath(), null);
            }
            return node;
        } catch (IOException e) {
            throw new UpstreamException.Unavailable(from.getHost() + " sent malformed JSON for " + from.getPath(), e);
        }
    }

    private static void put(Map<String, String> attributes, String key, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.isContainerNode() && !value.asText().isBlank()) {
            attributes.put(key, value.asText());
        }
    }

    /** Kaggle's timestamps: ISO 8601, with {@code Z} or without, up to nanoseconds. */
    static Optional<Instant> kaggleTime(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text.replaceAll("Z$", "")).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
