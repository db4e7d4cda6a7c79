package io.hearth.tenancy.internal;

import io.hearth.tenancy.BackupStore;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Backups as files in one directory ({@code hearth.backups.directory}): a mounted volume in production. */
@Singleton
public class LocalDiskBackupStore implements BackupStore {

    private final Path directory;

    public LocalDiskBackupStore(@Property(name = "hearth.backups.directory") String directory) {
        // Unset: the system's temporary directory (a placeholder's default cannot name another placeholder).
        this.directory = (directory == null || directory.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "hearth-backups")
                : Path.of(directory)).toAbsolutePath();
    }

    @Override
    public String put(String key, Path file) {
        requireKey(key);
        try {
            Files.createDirectories(directory);
            Files.move(file, directory.resolve(key), StandardCopyOption.REPLACE_EXISTING);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the backup " + key + " in " + directory, e);
        }
    }

    @Override
    public Path fetch(String location) {
        requireKey(location);
        try {
            Path copy = Files.createTempFile("hearth-restore-", ".zip");
            Files.copy(directory.resolve(location), copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup " + location + " from " + directory, e);
        }
    }

    @Override
    public void delete(String location) {
        requireKey(location);
        try {
            Files.deleteIfExists(directory.resolve(location));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the backup " + location, e);
        }
    }

    @Override
    public long size(String location) {
        requireKey(location);
        try {
            return Files.size(directory.resolve(location));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup " + location, e);
        }
    }

    /** A key is a file name of ours, never a path: nothing outside the directory is read. */
    private static void requireKey(String key) {
        if (key == null || !key.matches("[a-z0-9][a-z0-9._-]{0,200}") || key.contains("..")) {
            throw new IllegalArgumentException("not a backup key: " + key);
        }
    }
}
