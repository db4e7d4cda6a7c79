package io.hearth.documents.internal;

import io.hearth.documents.DocumentStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/** Documents' files in a local directory: the local run and the tests. Copied whole to a temporary file, then moved. */
@Singleton
@Requires(property = "hearth.documents.store", value = "local", defaultValue = "local")
public class LocalDiskStore implements DocumentStore {

    /** Keys are ours (organisation/document/version-random): nothing in one can leave the directory. */
    static final Pattern KEY = Pattern.compile("[0-9a-f-]{36}(/[0-9a-zA-Z-]{1,80}){1,3}");

    private final Path root;

    public LocalDiskStore(@Property(name = "hearth.documents.local-dir", defaultValue = "") String dir) {
        // Unset: the system's temporary directory (a placeholder's default cannot name another placeholder).
        this.root = (dir == null || dir.isBlank() ? Paths.get(System.getProperty("java.io.tmpdir"), "hearth-documents") : Paths.get(dir))
                .toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path file, String sha256, String contentType) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".part");
            try {
                Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep a document's file", e);
        }
    }

    @Override
    public Optional<Stored> open(String key) {
        Path path = path(key);
        try {
            long length = Files.size(path);
            InputStream in = Files.newInputStream(path);
            return Optional.of(new Stored(length, in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a document's file", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete a document's file", e);
        }
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a document key: " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not a document key: " + key);
        }
        return path;
    }
}
