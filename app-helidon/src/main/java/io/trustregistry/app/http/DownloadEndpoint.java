package io.trustregistry.app.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactDownload;
import io.trustregistry.core.model.DownloadAspect;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.DownloadPlan;

/**
 * {@code GET|HEAD /artifacts/{type}/{id}/download[?aspect=full|weights|datasets|code][&file=path]}:
 * the artifact's stored files as a zip of stored entries (or one file raw with {@code file=}),
 * streamed from the blob store with constant memory. Answers carry {@code Content-Length},
 * a strong {@code ETag} ({@code If-None-Match} gives 304) and {@code Accept-Ranges}; one byte
 * range may be asked for ({@code Range}, honouring {@code If-Range}) and is answered with 206,
 * or 416 when it lies outside. What is served (and whether a single file is answered with a
 * 302 to a presigned URL instead) is the core's {@link DownloadPlan}; this endpoint writes it.
 * <pre>
 * curl -OJ "localhost:8080/artifacts/model/$ID/download?aspect=weights" -H "X-Authorization: $TOKEN"
 * curl -H "Range: bytes=0-1023" "localhost:8080/artifacts/model/$ID/download" -H "X-Authorization: $TOKEN"
 * </pre>
 */
final class DownloadEndpoint implements HttpService {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    private final Registry registry;
    private final Callers callers;

    DownloadEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifacts by RegistryRouting
        rules.get("/{type}/{id}/download", this::download)
                .head("/{type}/{id}/download", this::download);
    }

    /** Asks the core for the plan and writes it: the decisions (what, which file, redirect or not) are the core's. */
    private void download(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        DownloadAspect aspect = QueryParameters.first(req, "aspect")
                .map(a -> DownloadAspect.fromWireName(a).orElseThrow(() -> new InvalidRequestException(
                        "'aspect' must be one of full, weights, datasets, code")))
                .orElse(DownloadAspect.FULL);
        Optional<String> file = QueryParameters.first(req, "file");
        answer(req, res, registry.download().download(caller, PathParameters.type(req), PathParameters.id(req), aspect,
                file));
    }

    /** Writes a download plan: a redirect, a raw file or a zip, with ETag, conditional GET and byte ranges. */
    static void answer(ServerRequest req, ServerResponse res, DownloadPlan plan) {
        switch (plan) {
            case DownloadPlan.Redirect redirect -> {
                res.status(Status.FOUND_302);
                res.header(HeaderNames.LOCATION, redirect.location().toString());
                res.send();
            }
            case DownloadPlan.RawFile raw -> serve(req, res, "\"" + raw.etag() + "\"", raw.entry().size(),
                    "application/octet-stream", raw.fileName(), (out, from, to) -> copy(raw.entry(), from, to, out));
            case DownloadPlan.Zip zip -> serve(req, res, "\"" + zip.etag() + "\"", zip.zip().length(),
                    "application/zip", zip.fileName(), zip.zip()::write);
        }
    }

    @FunctionalInterface
    private interface RangeWriter {
        void write(OutputStream out, long from, long toExclusive) throws IOException;
    }

    private static void serve(ServerRequest req, ServerResponse res, String etag, long length, String contentType,
                              String fileName, RangeWriter body) {
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> matches(v, etag)).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        long from = 0;
        long to = length;
        Optional<String> range = req.headers().first(HeaderNames.RANGE)
                .filter(r -> req.headers().first(HeaderNames.IF_RANGE).map(v -> v.equals(etag)).orElse(true));
        if (range.isPresent()) {
            Matcher m = RANGE.matcher(range.get().strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    from = Math.max(0, length - suffix);
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? length : Math.min(length, Long.parseLong(m.group(2)) + 1);
                }
                if (from >= length || from >= to) {
                    res.header(HeaderNames.CONTENT_RANGE, "bytes */" + length);
                    ErrorResponses.send(res, Status.REQUESTED_RANGE_NOT_SATISFIABLE_416,
                            "the range " + range.get() + " lies outside the " + length + " bytes of this download");
                    return;
                }
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(HeaderNames.CONTENT_RANGE, "bytes " + from + "-" + (to - 1) + "/" + length);
            }
            // several ranges, or a syntax we do not serve: answer with the whole body (RFC 9110 allows it)
        }
        if (res.status() != Status.PARTIAL_CONTENT_206) {
            res.status(Status.OK_200);
        }
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        res.header(HeaderNames.CONTENT_LENGTH, Long.toString(to - from));
        if (req.prologue().method() == Method.HEAD) {
            res.send();
            return;
        }
        try (OutputStream out = res.outputStream()) {
            body.write(out, from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("download interrupted", e);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static void copy(ArtifactDownload.Entry entry, long from, long to, OutputStream out) throws IOException {
        try (var in = entry.content().open(from)) {
            byte[] buffer = new byte[64 * 1024];
            long remaining = to - from;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("stored file ended early");
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        }
    }
}
