package io.hearth.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stand-in for a browser's push service (RFC 8030), playing the browser too: {@code POST /subscriptions}
 * makes a device (a P-256 key pair and an auth secret it keeps) and answers its subscription as
 * {@code PushSubscription.toJSON()} does; a push to its endpoint is checked as a push service checks it (VAPID
 * signature and audience, RFC 8292) and decrypted as the browser decrypts it (RFC 8291, written here apart from the
 * app's encryption, so that the one checks the other). {@code GET /pushes} lists what arrived, decrypted;
 * {@code DELETE /subscriptions/{id}} makes the endpoint answer 410 as an expired subscription does; {@link #refuseNext}
 * makes it answer 503 for a while.
 */
public final class PushCatcher implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final HttpServer http;
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final List<Push> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusing = new AtomicInteger();

    private PushCatcher(HttpServer http) {
        this.http = http;
    }

    public static PushCatcher start(int httpPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            PushCatcher catcher = new PushCatcher(http);
            http.createContext("/subscriptions", catcher::subscriptions);
            http.createContext("/push/", catcher::push);
            http.createContext("/pushes", catcher::list);
            http.start();
            return catcher;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the push catcher's port", e);
        }
    }

    /** The origin to allow as a push service (plain HTTP, loopback). */
    public String origin() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** A new device's subscription: {@code {endpoint, keys: {p256dh, auth}}}. */
    public Subscription subscribe() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] auth = new byte[16];
            RANDOM.nextBytes(auth);
            String id = UUID.randomUUID().toString();
            devices.put(id, new Device(keys, auth, true));
            return new Subscription(id, origin() + "/push/" + id, B64.encodeToString(point((ECPublicKey) keys.getPublic())), B64.encodeToString(auth));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The device's subscription expired: its endpoint answers 410 from now on. */
    public void expire(String id) {
        devices.computeIfPresent(id, (k, device) -> new Device(device.keys(), device.auth(), false));
    }

    /** The next {@code count} pushes are answered 503, as a push service that is down. */
    public void refuseNext(int count) {
        refusing.set(count);
    }

    public List<Push> pushes() {
        return List.copyOf(received);
    }

    /** A fresh VAPID key pair for the platform, as {@code web-push generate-vapid-keys} prints it: {public, private}. */
    public static String[] vapidKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] scalar = ((ECPrivateKey) keys.getPrivate()).getS().toByteArray();
            return new String[] {B64.encodeToString(point((ECPublicKey) keys.getPublic())), B64.encodeToString(fixed(scalar))};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void subscriptions(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/subscriptions")) {
                respond(exchange, 201, subscribe().toJson());
            } else if ("DELETE".equals(exchange.getRequestMethod()) && path.startsWith("/subscriptions/")) {
                expire(path.substring("/subscriptions/".length()));
                exchange.sendResponseHeaders(204, -1);
            } else {
                respond(exchange, 405, "{\"error\":\"POST /subscriptions or DELETE /subscriptions/{id}\"}");
            }
        }
    }

    private void push(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            Device device = devices.get(id);
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            if (device == null) {
                respond(exchange, 404, "{\"error\":\"no such subscription\"}");
                return;
            }
            if (!device.live()) {
                respond(exchange, 410, "{\"error\":\"subscription expired\"}");
                return;
            }
            if (refusing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 503, "{\"error\":\"try later\"}");
                return;
            }
            String ttl = exchange.getRequestHeaders().getFirst("TTL");
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (ttl == null || !ttl.matches("\\d+") || !"aes128gcm".equals(encoding)) {
                respond(exchange, 400, "{\"error\":\"a push needs a TTL and Content-Encoding: aes128gcm\"}");
                return;
            }
            String vapidKey = vapid(authorization);
            if (vapidKey == null) {
                respond(exchange, 403, "{\"error\":\"VAPID authorization missing or not valid for this push service\"}");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (body.length > 4096) {
                respond(exchange, 413, "{\"error\":\"payload too large\"}");
                return;
            }
            String plaintext;
            try {
                plaintext = new String(decrypt(body, device), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | RuntimeException e) {
                respond(exchange, 400, "{\"error\":\"the payload does not decrypt: " + e.getClass().getSimpleName() + "\"}");
                return;
            }
            Push push = new Push(UUID.randomUUID().toString(), id, plaintext, exchange.getRequestHeaders().getFirst("Urgency"),
                    Long.parseLong(ttl), vapidKey, Instant.now().toString());
            received.add(push);
            exchange.getResponseHeaders().set("Location", origin() + "/pushes/" + push.id());
            exchange.sendResponseHeaders(201, -1);
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, MailCatcher.Json.array(received.stream().map(Push::toJson).toList()));
                case "DELETE" -> {
                    received.clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, "{\"error\":\"method not allowed\"}");
            }
        }
    }

    /** The VAPID public key when the header carries a JWT it signed, for this push service's origin, not expired; else null. */
    private String vapid(String authorization) {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            return null;
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                token = p.substring(2);
            } else if (p.startsWith("k=")) {
                key = p.substring(2);
            }
        }
        if (token == null || key == null) {
            return null;
        }
        String[] jwt = token.split("\\.");
        if (jwt.length != 3) {
            return null;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey(UNB64.decode(key)));
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(UNB64.decode(jwt[2]))) {
                return null;
            }
            String claims = new String(UNB64.decode(jwt[1]), StandardCharsets.UTF_8);
            String header = new String(UNB64.decode(jwt[0]), StandardCharsets.UTF_8);
            boolean audience = claims.contains("\"aud\":\"" + origin() + "\"");
            java.util.regex.Matcher exp = java.util.regex.Pattern.compile("\"exp\":(\\d+)").matcher(claims);
            boolean fresh = exp.find() && Long.parseLong(exp.group(1)) > Instant.now().getEpochSecond()
                    && Long.parseLong(exp.group(1)) <= Instant.now().getEpochSecond() + 24 * 3600;
            return header.contains("\"ES256\"") && audience && fresh && claims.contains("\"sub\":") ? key : null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** RFC 8291 as the browser does it: the keys from ECDH and the auth secret, then RFC 8188's one record. */
    private static byte[] decrypt(byte[] body, Device device) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        int idLength = in.get() & 0xff;
        byte[] serverKey = new byte[idLength];
        in.get(serverKey);
        byte[] record = new byte[in.remaining()];
        in.get(record);
        if (idLength != 65 || record.length > recordSize) {
            throw new GeneralSecurityException("not one aes128gcm record with a P-256 key id");
        }
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(device.keys().getPrivate());
        agreement.doPhase(publicKey(serverKey), true);
        byte[] shared = agreement.generateSecret();
        byte[] uaPublic = point((ECPublicKey) device.keys().getPublic());
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, serverKey);
        byte[] ikm = hmac(hmac(device.auth(), shared), keyInfo, new byte[] {1});
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1}), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1}), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(record);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("the last record does not end with the 0x02 delimiter");
        }
        return Arrays.copyOf(padded, end);
    }

    private static byte[] hmac(byte[] key, byte[]... parts) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    private static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    }

    private static byte[] point(ECPublicKey key) {
        byte[] x = fixed(key.getW().getAffineX().toByteArray());
        byte[] y = fixed(key.getW().getAffineY().toByteArray());
        return concat(new byte[] {4}, x, y);
    }

    /** A coordinate or scalar as exactly 32 bytes (BigInteger adds a sign byte or drops leading zeros). */
    private static byte[] fixed(byte[] value) {
        byte[] out = new byte[32];
        int copy = Math.min(32, value.length);
        System.arraycopy(value, value.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private record Device(KeyPair keys, byte[] auth, boolean live) {
    }

    /** A device's subscription as the browser hands it to the app. */
    public record Subscription(String id, String endpoint, String p256dh, String auth) {
        public String toJson() {
            return "{\"id\":" + MailCatcher.Json.string(id) + ",\"endpoint\":" + MailCatcher.Json.string(endpoint) + ",\"keys\":{\"p256dh\":"
                    + MailCatcher.Json.string(p256dh) + ",\"auth\":" + MailCatcher.Json.string(auth) + "}}";
        }
    }

    /** One push the catcher accepted, decrypted. */
    public record Push(String id, String subscription, String payload, String urgency, long ttl, String vapidKey, String receivedAt) {
        String toJson() {
            List<String> fields = new ArrayList<>();
            fields.add("\"id\":" + MailCatcher.Json.string(id));
            fields.add("\"subscription\":" + MailCatcher.Json.string(subscription));
            fields.add("\"payload\":" + MailCatcher.Json.string(payload));
            fields.add("\"urgency\":" + MailCatcher.Json.string(urgency == null ? "" : urgency));
            fields.add("\"ttl\":" + ttl);
            fields.add("\"receivedAt\":" + MailCatcher.Json.string(receivedAt));
            return "{" + String.join(",", fields) + "}";
        }
    }
}
