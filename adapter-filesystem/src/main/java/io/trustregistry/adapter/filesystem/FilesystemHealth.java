package io.trustregistry.adapter.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;

/** Probes the data directory: writable, lock held, enough free space. */
final class FilesystemHealth {

    /** Below this much free space the store is degraded. */
    private static final System.Logger LOG = System.getLogger(FilesystemHealth.class.getName());
    static final long LOW_SPACE_BYTES = 1024L * 1024 * 1024;
    /** Below this much free space the store is critical. */
    static final long CRITICAL_SPACE_BYTES = 64L * 1024 * 1024;

    private FilesystemHealth() {
    }

    static ComponentHealth probe(DataDirectory directory, String id, String displayName, String description,
                                 Map<String, Object> extraMetrics, List<ComponentHealth.Issue> knownIssues,
                                 HealthStatus baseline, Instant now) {
        Map<String, Object> metrics = new LinkedHashMap<>(extraMetrics);
        List<ComponentHealth.Issue> issues = new ArrayList<>(knownIssues);
        HealthStatus status = baseline;
        long started = System.nanoTime();
        try {
            Path probe = directory.files().newTempFile();
            try {
                Files.write(probe, new byte[] {1});
            } finally {
                // a probe that failed to write (a full disk) must not leave its empty file behind
                Files.deleteIfExists(probe);
            }
            // health is open to everyone: it says whether space is short, never how much there is or where
            long free = Files.getFileStore(directory.root()).getUsableSpace();
            if (free < CRITICAL_SPACE_BYTES) {
                status = HealthStatus.CRITICAL;
                issues.add(new ComponentHealth.Issue("disk-full", "error", "the data directory's disk is nearly full",
                        "less than " + CRITICAL_SPACE_BYTES / (1024 * 1024) + " MiB free; free space or move the data"
                                + " directory (REGISTRY_DATA_DIR)"));
            } else if (free < LOW_SPACE_BYTES) {
                status = status.worst(HealthStatus.DEGRADED);
                issues.add(new ComponentHealth.Issue("disk-low", "warning", "the data directory's disk is running low",
                        "less than " + LOW_SPACE_BYTES / (1024 * 1024 * 1024) + " GiB free"));
            }
        } catch (IOException e) {
            status = HealthStatus.CRITICAL;
            if (DataDirectory.isDiskFull(e)) {
                // not a fault to trace: the operator's to fix, and every probe meanwhile would log it again
                issues.add(new ComponentHealth.Issue("disk-full", "error", "the data directory's disk is full",
                        "no space left on device; registrations and other writes answer 503 until space is freed on"
                                + " the disk under REGISTRY_DATA_DIR (or it is enlarged)"));
            } else {
                LOG.log(System.Logger.Level.ERROR, "the data directory " + directory.root() + " cannot be written", e);
                issues.add(new ComponentHealth.Issue("not-writable", "error", "the data directory cannot be written",
                        "check its permissions and disk; the server log names the file and the error"));
            }
        } catch (RuntimeException e) {
            status = HealthStatus.CRITICAL;
            LOG.log(System.Logger.Level.ERROR, "the data directory " + directory.root() + " cannot be written", e);
            issues.add(new ComponentHealth.Issue("not-writable", "error", "the data directory cannot be written",
                    "check its permissions and disk; the server log names the file and the error"));
        }
        if (!directory.isLocked()) {
            status = HealthStatus.CRITICAL;
            issues.add(new ComponentHealth.Issue("lock-lost", "error", "the data directory lock is no longer held",
                    "restart the registry"));
        }
        metrics.put("probe_ms", (System.nanoTime() - started) / 1_000_000.0);
        metrics.put("backend", "filesystem");
        return new ComponentHealth(id, displayName, description, status, now, metrics, issues);
    }
}
