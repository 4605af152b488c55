package io.trustregistry.adapter.hub;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a source URL names, recognised from its shape alone: the registry's one URL grammar.
 * Host names are case-insensitive; trailing slashes, query strings and fragments are ignored.
 */
sealed interface SourceLocator {

    /** A Hugging Face model ({@code dataset == false}) or dataset repository, at a revision. */
    record HuggingFace(boolean dataset, String repoId, String revision) implements SourceLocator {
        String canonicalUrl() {
            return "https://huggingface.co/" + (dataset ? "datasets/" : "") + repoId;
        }
    }

    /**
     * A GitHub repository, optionally at a ref (branch, tag or commit; empty: the default
     * branch) and a folder or file inside it.
     */
    record GitHub(String owner, String repo, Optional<String> ref, String path) implements SourceLocator {
        String fullName() {
            return owner + "/" + repo;
        }
    }

    /** A Kaggle dataset, {@code https://www.kaggle.com/datasets/{owner}/{slug}}. */
    record Kaggle(String owner, String slug) implements SourceLocator {
        /** {@code owner/slug}, Kaggle's dataset "ref". */
        String ref() {
            return owner + "/" + slug;
        }

        String canonicalUrl() {
            return "https://www.kaggle.com/datasets/" + owner + "/" + slug;
        }
    }

    /** Anything else: a plain download. */
    record Web(URI uri) implements SourceLocator {
    }

    /** A URL on a known hub that is recognisably not a repository (a Space, a user page). */
    record Refused(String reason) implements SourceLocator {
    }

    /** Hosts that mean Hugging Face whatever the configured endpoint is. */
    Set<String> HUGGING_FACE_HOSTS = Set.of("huggingface.co", "www.huggingface.co", "hf.co");
    /** Hosts that mean Kaggle. */
    Set<String> KAGGLE_HOSTS = Set.of("kaggle.com", "www.kaggle.com");
    /** What an owner or dataset slug may look like on Kaggle (letters, digits, {@code -_.}). */
    java.util.regex.Pattern KAGGLE_SLUG = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** First path segments on Hugging Face that are pages, not model repositories. */
    Set<String> HUGGING_FACE_PAGES = Set.of("docs", "blog", "api", "settings", "organizations", "collections",
            "papers", "join", "login", "pricing", "tasks", "learn", "posts", "search", "models-json", "enterprise",
            "new", "notifications", "chat");
    /** First path segments on GitHub that are pages, not owners. */
    Set<String> GITHUB_PAGES = Set.of("orgs", "topics", "features", "about", "sponsors", "marketplace", "settings",
            "search", "explore", "collections", "trending", "login", "join", "pricing", "enterprise", "apps", "site",
            "security", "readme", "team", "issues", "pulls", "notifications", "codespaces", "new", "organizations");

    /**
     * Recognises {@code uri}.
     * <ul>
     *   <li>Hugging Face: {@code /{owner}/{name}}, legacy {@code /{name}}, {@code /datasets/...},
     *       {@code /models/...}, a {@code .git} suffix; the revision from {@code /tree/{rev}},
     *       {@code /blob/{rev}/...}, {@code /resolve/{rev}/...} or {@code /commit/{sha}}, where a
     *       pull-request ref may be encoded ({@code refs%2Fpr%2F1}) or not ({@code refs/pr/1});
     *       {@code /discussions/N} names the repository at {@code main} (a discussion is not a
     *       revision). {@code /spaces/...} and site pages are refused.</li>
     *   <li>GitHub: {@code /{owner}/{repo}[.git]} with an optional {@code /tree/{ref}[/path]},
     *       {@code /blob/{ref}/path}, {@code /commit/{sha}} or {@code /releases/tag/{tag}}; a
     *       user or organisation page and site pages are refused.</li>
     *   <li>Kaggle: {@code /datasets/{owner}/{slug}[/data|/versions/N|...]} on {@code kaggle.com}
     *       or {@code www.kaggle.com}.</li>
     * </ul>
     *
     * @param extraHuggingFaceHost the configured endpoint's authority ({@code host} or
     *                             {@code host:port}), also recognised: a URL on the same host
     *                             but another port is something else
     */
    static SourceLocator of(URI uri, Optional<String> extraHuggingFaceHost) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String[] segments = Arrays.stream(Optional.ofNullable(uri.getRawPath()).orElse("").split("/"))
                .filter(s -> !s.isEmpty()).map(SourceLocator::decode).toArray(String[]::new);
        boolean huggingFace = HUGGING_FACE_HOSTS.contains(host)
                || extraHuggingFaceHost.map(a -> a.equalsIgnoreCase(Optional.ofNullable(uri.getRawAuthority())
                .orElse(""))).orElse(false) && segments.length > 0
                && !segments[0].equals("files");
        if (huggingFace) {
            return huggingFace(segments);
        }
        if (KAGGLE_HOSTS.contains(host) && segments.length >= 3 && segments[0].equals("datasets")
                && KAGGLE_SLUG.matcher(segments[1]).matches() && KAGGLE_SLUG.matcher(segments[2]).matches()
                && !segments[1].contains("..") && !segments[2].contains("..")) {
            return new Kaggle(segments[1], segments[2]);
        }
        if (host.equals("github.com") || host.equals("www.github.com")) {
            return gitHub(segments);
        }
        return new Web(uri);
    }

    private static SourceLocator huggingFace(String[] segments) {
        if (segments.length == 0) {
            return new Refused("the Hugging Face home page names no repository");
        }
        String first = segments[0];
        if (first.equals("spaces")) {
            return new Refused("a Hugging Face Space is an application, not a model or dataset; register the model"
                    + " or dataset it uses");
        }
        boolean dataset = first.equals("datasets");
        int start = dataset || first.equals("models") ? 1 : 0;
        if (start == 0 && HUGGING_FACE_PAGES.contains(first)) {
            return new Refused("https://huggingface.co/" + first + " is a Hugging Face page, not a repository");
        }
        if (segments.length <= start) {
            return new Refused("the URL names no Hugging Face repository");
        }
        String repoId = stripGit(segments[start]);
        int next = start + 1;
        if (segments.length > next && !isMarker(segments[next])) {
            repoId = segments[start] + "/" + stripGit(segments[next]);
            next++;
        }
        String revision = "main";
        if (segments.length > next + 1 && isRevisionMarker(segments[next])) {
            revision = segments[next + 1];
            if (revision.equals("refs") && segments.length > next + 3) {
                revision = "refs/" + segments[next + 2] + "/" + segments[next + 3];
            }
        }
        return new HuggingFace(dataset, repoId, revision);
    }

    private static SourceLocator gitHub(String[] segments) {
        if (segments.length == 0) {
            return new Refused("the GitHub home page names no repository");
        }
        if (GITHUB_PAGES.contains(segments[0].toLowerCase(Locale.ROOT))) {
            return new Refused("https://github.com/" + segments[0] + " is a GitHub page, not a repository");
        }
        if (segments.length == 1) {
            return new Refused("https://github.com/" + segments[0] + " is a GitHub user or organisation page, not a"
                    + " repository; give the repository's URL, https://github.com/" + segments[0] + "/NAME");
        }
        String repo = stripGit(segments[1]);
        if (repo.isEmpty()) {
            return new Refused("the URL names no GitHub repository");
        }
        Optional<String> ref = Optional.empty();
        String path = "";
        if (segments.length > 3 && (segments[2].equals("tree") || segments[2].equals("blob")
                || segments[2].equals("commit"))) {
            ref = Optional.of(segments[3]);
            path = String.join("/", Arrays.copyOfRange(segments, 4, segments.length));
        } else if (segments.length > 4 && segments[2].equals("releases") && segments[3].equals("tag")) {
            ref = Optional.of(segments[4]);
        }
        return new GitHub(segments[0], repo, ref, path);
    }

    private static String stripGit(String segment) {
        return segment.endsWith(".git") ? segment.substring(0, segment.length() - 4) : segment;
    }

    /** A raw path segment of a parsed URI, whose escapes the URI parser already checked ("%zz" is no URI). */
    private static String decode(String rawSegment) {
        return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean isMarker(String segment) {
        return isRevisionMarker(segment) || segment.equals("discussions") || segment.equals("commits");
    }

    private static boolean isRevisionMarker(String segment) {
        return segment.equals("tree") || segment.equals("blob") || segment.equals("resolve")
                || segment.equals("commit");
    }
}
