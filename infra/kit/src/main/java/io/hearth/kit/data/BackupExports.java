package io.hearth.kit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The open-format part of an organisation's backup file (app writes it; tenant-admin hands it out): each table as
 * CSV and JSON under {@code export/}, beside the rows app restores from.
 */
public final class BackupExports {

    private static final String PREFIX = "export/";

    private BackupExports() {
    }

    /** Writes the file's {@code export/} entries, without the prefix, as a zip of their own. */
    public static void copy(Path backup, OutputStream out) {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            if (Collections.list(zip.entries()).stream().noneMatch(entry -> entry.getName().startsWith(PREFIX))) {
                throw new IllegalArgumentException("this backup holds no export (it was taken for a move or a rehearsal)");
            }
            ZipOutputStream to = new ZipOutputStream(out);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().startsWith(PREFIX)) {
                    to.putNextEntry(new ZipEntry(entry.getName().substring(PREFIX.length())));
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(to);
                    }
                    to.closeEntry();
                }
            }
            to.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup " + backup.getFileName(), e);
        }
    }
}
