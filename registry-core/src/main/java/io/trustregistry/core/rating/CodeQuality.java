package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.trustregistry.core.license.LicenseFamily;
import io.trustregistry.core.license.SpdxLicenses;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.RepositoryInsight;

/**
 * Quality of the best registered code repository the model links to:
 * <pre>
 *   0.20 × tests           test files or directories in the tree
 * + 0.10 × CI              .github/workflows, .travis.yml, .gitlab-ci.yml, .circleci, Jenkinsfile...
 * + 0.05 × lint config     .flake8, .pylintrc, ruff.toml, .eslintrc, .pre-commit-config.yaml...
 * + 0.25 × documentation   min(1, README words / 800)
 * + 0.25 × adoption        log10(stars + 1) / 4 (ten thousand stars score 1)
 * + 0.10 × a known license
 * + 0.05 × maintained      not archived, pushed within two years
 * </pre>
 * Without a registered linked repository the score is 0.
 */
public final class CodeQuality implements Metric {

    private static final List<String> CI = List.of(".github/workflows/", ".travis.yml", ".gitlab-ci.yml",
            ".circleci/", "jenkinsfile", "azure-pipelines.yml", ".buildkite/", "appveyor.yml");
    private static final List<String> LINT = List.of(".flake8", ".pylintrc", "pylintrc", "ruff.toml", ".ruff.toml",
            ".eslintrc", ".pre-commit-config.yaml", "setup.cfg", "tox.ini", ".golangci", "checkstyle", ".editorconfig",
            ".prettierrc", ".clang-format", "mypy.ini");

    private final Instant now;

    /** Judges maintenance against the current time. */
    public CodeQuality() {
        this(Instant.now());
    }

    /** Judges maintenance against {@code now} (for deterministic tests). */
    public CodeQuality(Instant now) {
        this.now = now;
    }

    @Override
    public MetricId id() {
        return MetricId.CODE_QUALITY;
    }

    @Override
    public double score(RatingInputs inputs) {
        return inputs.code().stream().mapToDouble(this::quality).max().orElse(0);
    }

    double quality(ArtifactRecord code) {
        var evidence = code.evidence();
        double docs = Math.min(1, ReadmeFacts.of(evidence.readme()).words() / 800.0);
        double license = SpdxLicenses.classify(evidence.license()).family() == LicenseFamily.UNKNOWN ? 0 : 1;
        RepositoryInsight insight = evidence.repository().orElse(null);
        if (insight == null) {
            double stars = Metric.logScale(evidence.popularity().likes(), 4);
            return Metric.clamp(0.25 * docs + 0.25 * stars + 0.10 * license);
        }
        List<String> paths = insight.paths().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        double tests = paths.stream().anyMatch(CodeQuality::isTest) ? 1 : 0;
        double ci = paths.stream().anyMatch(p -> CI.stream().anyMatch(p::startsWith)) ? 1 : 0;
        double lint = paths.stream().anyMatch(p -> LINT.stream().anyMatch(l -> p.equals(l) || p.startsWith(l))) ? 1 : 0;
        double adoption = Metric.logScale(insight.stars(), 4);
        boolean recent = insight.pushedAt().map(p -> Duration.between(p, now).toDays() < 730).orElse(false);
        double maintained = !insight.archived() && recent ? 1 : 0;
        return Metric.clamp(0.20 * tests + 0.10 * ci + 0.05 * lint + 0.25 * docs + 0.25 * adoption + 0.10 * license
                + 0.05 * maintained);
    }

    static boolean isTest(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.startsWith("test/") || path.startsWith("tests/") || path.contains("/test/")
                || path.contains("/tests/") || path.contains("__tests__/") || name.startsWith("test_")
                || name.endsWith("_test.py") || name.endsWith("test.java") || name.endsWith("_test.go")
                || name.endsWith(".spec.ts") || name.endsWith(".test.js") || name.endsWith(".test.ts");
    }
}
