package io.hearth.kit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A body read into a temporary file as it comes (a document's file, a mail), counted against its limit and each piece
 * handed to a digest on the way (a SHA-256, an HMAC), so that nothing of it is held in memory whole. Closing it deletes
 * the file. Reading fails with the caller's refusals: past the limit, or cut off before its end (the sender went
 * away: his 400, not our 500). A file that cannot be written is ours: an {@link UncheckedIOException}.
 */
public final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    /** Takes each piece as it is read: {@code MessageDigest::update}, {@code Mac::update}. */
    @FunctionalInterface
    public interface Digest {
        void update(byte[] bytes, int offset, int length);
    }

    private final Path path;
    private final long size;

    private Spool(Path path, long size) {
        this.path = path;
        this.size = size;
    }

    public static Spool read(InputStream in, String prefix, long limit, Digest digest, Supplier<Refusal> tooLarge, Supplier<Refusal> cutOff) {
        Path path;
        try {
            path = Files.createTempFile(prefix, ".spool");
        } catch (IOException e) {
            throw new UncheckedIOException("no room for a temporary file", e);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n = read(in, buffer, cutOff); n >= 0; n = read(in, buffer, cutOff)) {
                size += n;
                if (size > limit) {
                    throw tooLarge.get();
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            return new Spool(path, size);
        } catch (IOException e) {
            delete(path);
            throw new UncheckedIOException("could not write a temporary file", e);
        } catch (RuntimeException e) {
            delete(path);
            throw e;
        }
    }

    private static int read(InputStream in, byte[] buffer, Supplier<Refusal> cutOff) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw cutOff.get();
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        delete(path);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("a temporary file {} could not be deleted", path, e);
        }
    }
}
