package io.trustregistry.core.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The JavaScript a sensitive model's downloads must pass: it runs before each download with the
 * arguments {@code MODEL_NAME UPLOADER_USERNAME DOWNLOADER_USERNAME ZIP_FILE_PATH}, and any exit
 * code but 0 refuses the download.
 *
 * @param source    the program, UTF-8, at most {@link #MAX_BYTES} bytes
 * @param sha256    hex SHA-256 of {@code source}, so a reader can tell versions apart
 * @param updatedBy who put this version
 * @param updatedAt when
 */
public record MonitorProgram(String source, String sha256, String updatedBy, Instant updatedAt) {

    /** The largest program accepted: a monitor is a short policy script, not an application. */
    public static final int MAX_BYTES = 64 * 1024;

    public MonitorProgram {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A program put now by {@code user}; its digest is computed here. */
    public static MonitorProgram of(String source, String user, Instant at) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        return new MonitorProgram(source, HexFormat.of().formatHex(Digest.newSha256().digest(bytes)), user, at);
    }
}
