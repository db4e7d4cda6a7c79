package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' container images as Jib wrote them (target/&lt;service&gt;-image.tar, in `docker save`'s format): not
 * root, at most 250 MB, an entry point naming the service's main class, no file a process could use to become root, and
 * a Java that starts (its version and modules) in the image's own file system, as its user (chroot: the image's
 * libraries, not this machine's). The service itself is not started here: it needs its databases.
 */
class ImagesTest {

    static final long MAX_BYTES = 250L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Paths.get(System.getProperty("hearth.root", "../..")).toAbsolutePath().normalize();

    /** One file of a layer: its path, mode, owner and size. */
    record Entry(String path, int mode, long uid, long size, char type, byte[] content) {
    }

    @ParameterizedTest
    @CsvSource({"app, hearth-app, io.hearth.Application", "tenant-admin, hearth-tenant-admin, io.hearth.admin.Application"})
    void anImageIsForAnOrdinaryUserWithItsServicesEntryPointAndAJavaThatStartsOnItsOwnLibrariesInAtMost250Mb(String module, String name, String mainClass) throws Exception {
        Path tar = ROOT.resolve(module).resolve("target").resolve(name + "-image.tar");
        Assumptions.assumeFalse(Boolean.getBoolean("hearth.images.skip") && !Files.exists(tar), "images not built (-Dhearth.images.skip)");
        assertThat(tar).as("%s's image (jib:buildTar in verify)", module).exists();

        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            for (Entry entry : entries(in, true)) {
                files.put(entry.path(), entry.content());
            }
        }
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(files.get(manifest.get("Config").asText()));
        List<Entry> all = new ArrayList<>();
        long bytes = 0;
        for (JsonNode layer : manifest.get("Layers")) {
            byte[] compressed = files.get(layer.asText());
            for (Entry entry : entries(new GZIPInputStream(new ByteArrayInputStream(compressed)), false)) {
                all.add(entry);
                bytes += entry.size();
            }
        }

        assertThat(config.at("/config/User").asText()).isEqualTo("10001:10001");
        assertThat(config.at("/config/Entrypoint").toString()).contains("java").contains(mainClass);
        assertThat(bytes).as("%s's image, uncompressed (%d MB)", name, bytes / (1024 * 1024)).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(all).as("no set-user-id or set-group-id file").noneMatch(entry -> (entry.mode() & 06000) != 0);
        assertThat(all).as("nothing writable by everyone but /tmp")
                .filteredOn(entry -> entry.type() != '2' && (entry.mode() & 02) != 0).extracting(Entry::path).allMatch(path -> path.matches("\\.?/?tmp/?"));
        assertThat(all).extracting(Entry::path).anyMatch(path -> path.endsWith("app/jib-classpath-file"));

        // Run its Java in its own file system: every library it needs is in the image.
        if (isRoot()) {
            Path rootfs = Files.createTempDirectory(Paths.get("target"), name + "-rootfs");
            // The image's root is open to all, as a container's is (a temporary directory is its owner's alone).
            Files.setPosixFilePermissions(rootfs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            for (JsonNode layer : manifest.get("Layers")) {
                Path layerFile = Files.write(rootfs.resolveSibling(rootfs.getFileName() + ".layer.tgz"), files.get(layer.asText()));
                run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", layerFile.toString(), "-C", rootfs.toString()));
            }
            String java = onPath(rootfs, config, config.at("/config/Entrypoint/0").asText());
            // As the image's user, with /proc as a container has it (the loader finds the runtime's libraries through it).
            Path proc = Files.createDirectories(rootfs.resolve("proc"));
            run(List.of("mount", "-t", "proc", "proc", proc.toString()));
            try {
                String user = config.at("/config/User").asText();
                String version = run(List.of("chroot", "--userspec=" + user, rootfs.toString(), java, "-version"));
                assertThat(version).contains("17.");
                String modules = run(List.of("chroot", "--userspec=" + user, rootfs.toString(), java, "--list-modules"));
                assertThat(modules).contains("jdk.crypto.ec", "jdk.localedata", "jdk.unsupported", "java.sql", "java.net.http");
            } finally {
                run(List.of("umount", proc.toString()));
                run(List.of("rm", "-rf", rootfs.toString()));
            }
        }
    }

    /** The program as the image's PATH finds it. */
    private static String onPath(Path rootfs, JsonNode config, String program) {
        if (program.startsWith("/")) {
            return program;
        }
        for (JsonNode env : config.at("/config/Env")) {
            if (env.asText().startsWith("PATH=")) {
                for (String dir : env.asText().substring(5).split(":")) {
                    if (Files.exists(rootfs.resolve(dir.substring(1)).resolve(program))) {
                        return dir + "/" + program;
                    }
                }
            }
        }
        throw new AssertionError(program + " is on none of the image's PATH");
    }

    private static boolean isRoot() {
        try {
            return "0".equals(run(List.of("id", "-u")).strip()) && Files.isExecutable(Paths.get("/usr/sbin/chroot"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }

    /** The entries of a tar (ustar, as Jib and GNU tar write it), with their contents when asked. */
    static List<Entry> entries(InputStream in, boolean keepContent) throws IOException {
        List<Entry> entries = new ArrayList<>();
        byte[] header = new byte[512];
        String longName = null;
        while (in.readNBytes(header, 0, 512) == 512) {
            if (header[0] == 0) {
                break;
            }
            String name = longName != null ? longName : text(header, 0, 100);
            longName = null;
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            int mode = (int) octal(header, 100, 8);
            long uid = octal(header, 108, 8);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            if (type == 'L') {
                longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            entries.add(new Entry(name, mode, uid, size, type, keepContent ? content : null));
        }
        return entries;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String text = text(header, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }
}
