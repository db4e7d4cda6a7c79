package io.hearth.kit.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a built front end (the member PWA in app, the operator console in tenant-admin; the classpath folder named
 * by {@code hearth.web-app.root}): its files by path, and
 * {@code index.html} for any other GET that no endpoint answers and that names no file, so client routes such as
 * {@code /events/42} open the app. It never answers under the API, health, docs or well-known prefixes, whose
 * misses stay problem+json. Runs after app's tenant filter, so there an unknown host is still 404 TENANT_NOT_FOUND,
 * and before the security filter, as the files themselves are public.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "hearth.web-app.root")
public final class WebApp implements Ordered {

    private static final List<String> NOT_THE_APP = List.of("/api", "/health", "/swagger", "/swagger-ui", "/.well-known");
    private static final Map<String, MediaType> TYPES = Map.of(
            "js", MediaType.of("text/javascript;charset=utf-8"),
            "css", MediaType.of("text/css;charset=utf-8"),
            "html", MediaType.TEXT_HTML_TYPE,
            "webmanifest", MediaType.of("application/manifest+json"),
            "json", MediaType.APPLICATION_JSON_TYPE,
            "png", MediaType.IMAGE_PNG_TYPE,
            "svg", MediaType.of("image/svg+xml"),
            "ico", MediaType.of("image/x-icon"),
            "txt", MediaType.TEXT_PLAIN_TYPE,
            "woff2", MediaType.of("font/woff2"));

    private final String root;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    public WebApp(@Value("${hearth.web-app.root}") String root) {
        this.root = root;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> serve(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || RouteAttributes.getRouteMatch(request).isPresent()) {
            return null;
        }
        String path = request.getPath();
        if (isReserved(path) || path.contains("..") || path.contains("//")) {
            return null;
        }
        String file = path.equals("/") ? "index.html" : path.substring(1);
        Optional<byte[]> body = read(file);
        if (body.isEmpty()) {
            if (lastSegment(path).contains(".")) {
                return null;
            }
            file = "index.html";
            body = read(file);
            if (body.isEmpty()) {
                return null;
            }
        }
        return HttpResponse.ok(method == HttpMethod.HEAD ? new byte[0] : body.get())
                .contentType(typeOf(file))
                .header(HttpHeaders.CACHE_CONTROL, cacheControl(file))
                .header("X-Content-Type-Options", "nosniff");
    }

    static boolean isReserved(String path) {
        for (String prefix : NOT_THE_APP) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Vite names built assets by their content hash: they never change. Everything else is checked every time. */
    static String cacheControl(String file) {
        return file.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    }

    /** Only files that exist are kept, so requests for made-up paths cannot fill the memory. */
    private Optional<byte[]> read(String file) {
        byte[] known = files.get(file);
        if (known != null) {
            return Optional.of(known);
        }
        URL url = WebApp.class.getClassLoader().getResource(root + "/" + file);
        if (url == null || isDirectory(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            files.put(file, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    private static boolean isDirectory(URL url) {
        if (url.getPath().endsWith("/")) {
            return true;
        }
        try {
            return "file".equals(url.getProtocol()) && Files.isDirectory(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static MediaType typeOf(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return TYPES.getOrDefault(extension, MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }

    @Override
    public int getOrder() {
        // After app's TenantFilter, before the security filter.
        return Ordered.HIGHEST_PRECEDENCE + 150;
    }
}
