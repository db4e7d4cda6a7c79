package io.hearth.documents.internal;

import io.hearth.documents.DocumentStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Documents' files in an S3-compatible bucket (AWS S3, MinIO, Ceph…), path-style ({@code {endpoint}/{bucket}/{key}}),
 * each request signed with AWS Signature Version 4. Its settings come from the environment, never the repository:
 * {@code hearth.documents.s3.endpoint}, {@code .region}, {@code .bucket}, {@code .access-key}, {@code .secret-key}.
 */
@Singleton
@Requires(property = "hearth.documents.store", value = "s3")
public class S3Store implements DocumentStore {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final URI endpoint;
    private final String region;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public S3Store(@Property(name = "hearth.documents.s3.endpoint") String endpoint, @Property(name = "hearth.documents.s3.region") String region,
                   @Property(name = "hearth.documents.s3.bucket") String bucket, @Property(name = "hearth.documents.s3.access-key") String accessKey,
                   @Property(name = "hearth.documents.s3.secret-key") String secretKey, Clock clock) {
        this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        this.region = region;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.clock = clock;
    }

    @Override
    public void put(String key, Path file, String sha256, String contentType) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("a document's file to keep is gone", e);
        }
        HttpResponse<byte[]> response = send("PUT", key, body, sha256, Map.of("content-type", contentType), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the bucket refused a document's file: " + response.statusCode() + " " + new String(response.body()));
        }
    }

    @Override
    public Optional<Stored> open(String key) {
        HttpResponse<InputStream> response = send("GET", key, null, EMPTY_SHA256, Map.of(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream ignored = response.body()) {
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                throw new IllegalStateException("the bucket did not give a document's file: " + response.statusCode());
            } catch (IOException e) {
                throw new UncheckedIOException("the bucket's answer could not be read", e);
            }
        }
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        return Optional.of(new Stored(length, response.body()));
    }

    @Override
    public void delete(String key) {
        HttpResponse<byte[]> response = send("DELETE", key, null, EMPTY_SHA256, Map.of(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw new IllegalStateException("the bucket did not delete a document's file: " + response.statusCode());
        }
    }

    private <T> HttpResponse<T> send(String method, String key, HttpRequest.BodyPublisher body, String payload, Map<String, String> extra,
                                     HttpResponse.BodyHandler<T> answer) {
        if (!LocalDiskStore.KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a document key: " + key);
        }
        String path = SigV4.encodePath(endpoint.getRawPath() + "/" + bucket + "/" + key);
        Instant now = clock.instant();
        Map<String, String> headers = new LinkedHashMap<>(extra);
        String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
        headers.put("host", host);
        headers.put("x-amz-date", SigV4.STAMP.format(now));
        headers.put("x-amz-content-sha256", payload);
        String authorization = SigV4.authorization(method, path, "", headers, payload, accessKey, secretKey, region, "s3", now);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.getScheme() + "://" + host + path)).timeout(Duration.ofSeconds(method.equals("PUT") ? 120 : 30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
                .header("Authorization", authorization);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        try {
            return http.send(request.build(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException("the bucket cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the bucket", e);
        }
    }
}
