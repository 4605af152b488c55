package io.trustregistry.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.model.ArtifactDownload;
import io.trustregistry.core.model.Principal;

/**
 * {@code GET /artifacts/{type}/{id}/download}: the artifact's stored bundle as a zip, streamed
 * entry by entry so memory stays constant whatever the bundle's size. Needs {@code download}.
 */
final class DownloadEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    DownloadEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/artifacts/{type}/{id}/download", this::download);
    }

    private void download(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactDownload download = registry.download().download(caller, PathParameters.type(req),
                PathParameters.id(req));
        String fileName = download.artifact().name().value().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/zip");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        try (OutputStream out = res.outputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ArtifactDownload.Entry entry : download.entries()) {
                zip.putNextEntry(new ZipEntry(entry.path()));
                try (InputStream in = entry.content().open()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("download of " + download.artifact().id() + " interrupted", e);
        }
    }
}
