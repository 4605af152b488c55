package io.trustregistry.adapter.hub;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a source URL names, recognised from its shape alone. */
sealed interface SourceLocator {

    /** A Hugging Face model ({@code dataset == false}) or dataset repository, at a revision. */
    record HuggingFace(boolean dataset, String repoId, String revision) implements SourceLocator {
        String name() {
            return repoId.substring(repoId.lastIndexOf('/') + 1);
        }

        String canonicalUrl() {
            return "https://huggingface.co/" + (dataset ? "datasets/" : "") + repoId;
        }
    }

    /** A GitHub repository. */
    record GitHub(String owner, String repo) implements SourceLocator {
        String fullName() {
            return owner + "/" + repo;
        }

        String canonicalUrl() {
            return "https://github.com/" + owner + "/" + repo;
        }
    }

    /** Anything else: a plain download. */
    record Web(URI uri) implements SourceLocator {
    }

    /** Hosts that mean Hugging Face whatever the configured endpoint is. */
    Set<String> HUGGING_FACE_HOSTS = Set.of("huggingface.co", "www.huggingface.co", "hf.co");
    /** Path prefixes on Hugging Face that are not model repositories. */
    Set<String> RESERVED = Set.of("spaces", "docs", "blog", "api", "settings", "organizations", "collections",
            "papers", "join", "login", "pricing", "tasks", "learn", "posts", "search");

    /**
     * Recognises {@code uri}. Hugging Face: {@code /{owner}/{name}}, legacy {@code /{name}},
     * {@code /datasets/...}, {@code /models/...}, with {@code /tree/{rev}}, {@code /blob/...} or
     * {@code /resolve/...} suffixes. GitHub: {@code /{owner}/{repo}[.git][/tree/...]}.
     *
     * @param extraHuggingFaceHost the configured endpoint's host, also recognised
     */
    static SourceLocator of(URI uri, Optional<String> extraHuggingFaceHost) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String[] segments = Arrays.stream(Optional.ofNullable(uri.getPath()).orElse("").split("/"))
                .filter(s -> !s.isEmpty()).toArray(String[]::new);
        boolean huggingFace = HUGGING_FACE_HOSTS.contains(host)
                || extraHuggingFaceHost.map(h -> h.equalsIgnoreCase(host)).orElse(false) && segments.length > 0
                && !segments[0].equals("files");
        if (huggingFace && segments.length > 0) {
            boolean dataset = segments[0].equals("datasets");
            int start = dataset || segments[0].equals("models") ? 1 : 0;
            if (!dataset && RESERVED.contains(segments[0]) || segments.length <= start) {
                return new Web(uri);
            }
            String first = segments[start];
            String repoId = first;
            int next = start + 1;
            if (segments.length > next && !isMarker(segments[next])) {
                repoId = first + "/" + segments[next];
                next++;
            }
            String revision = "main";
            if (segments.length > next + 1 && isMarker(segments[next])) {
                revision = segments[next + 1];
            }
            return new HuggingFace(dataset, repoId, revision);
        }
        if ((host.equals("github.com") || host.equals("www.github.com")) && segments.length >= 2) {
            String repo = segments[1].endsWith(".git") ? segments[1].substring(0, segments[1].length() - 4)
                    : segments[1];
            if (!repo.isEmpty()) {
                return new GitHub(segments[0], repo);
            }
        }
        return new Web(uri);
    }

    private static boolean isMarker(String segment) {
        return segment.equals("tree") || segment.equals("blob") || segment.equals("resolve")
                || segment.equals("commit") || segment.equals("discussions");
    }
}
