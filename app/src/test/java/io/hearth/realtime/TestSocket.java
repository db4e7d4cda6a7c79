package io.hearth.realtime;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket client written for tests, on a plain socket: it sends the Host of an organisation (as a browser on
 * {@code {org}.localhost} does), lets a test choose its receive buffer and stop reading (a slow client), and shows
 * every frame, close codes included.
 */
final class TestSocket implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A frame received: text, or a close with its code and reason. */
    record Received(String text, int closeCode, String closeReason) {
        boolean isClose() {
            return closeCode != 0;
        }

        Map<String, Object> json() {
            try {
                return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }
    }

    final int status;
    final Map<String, String> headers;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TestSocket(Socket socket, int status, Map<String, String> headers) throws IOException {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static TestSocket open(int port, String host, String... protocols) throws IOException {
        return open(port, host, 0, protocols);
    }

    /** Opens the socket; {@code receiveBuffer} > 0 sets the client's TCP receive buffer (before connecting). */
    static TestSocket open(int port, String host, int receiveBuffer, String... protocols) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        StringBuilder request = new StringBuilder("GET /api/v1/realtime HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
                .append(Base64.getEncoder().encodeToString(key)).append("\r\n");
        if (protocols.length > 0) {
            request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", protocols)).append("\r\n");
        }
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        return new TestSocket(socket, status, headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    void send(String text) throws IOException {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    void send(Map<String, Object> frame) throws IOException {
        send(JSON.writeValueAsString(frame));
    }

    private synchronized void frame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next text or close frame (pings are answered), or empty when none came within the time. */
    Optional<Received> next(Duration within) throws IOException {
        socket.setSoTimeout((int) Math.max(1, within.toMillis()));
        try {
            while (true) {
                int first = in.read();
                if (first == -1) {
                    return Optional.of(new Received(null, 1006, "connection closed without a close frame"));
                }
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                switch (opcode) {
                    case 0x1:
                        return Optional.of(new Received(new String(payload, StandardCharsets.UTF_8), 0, null));
                    case 0x8:
                        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                        String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                        return Optional.of(new Received(null, code, reason));
                    case 0x9:
                        frame(0xA, payload);
                        break;
                    default:
                        break;
                }
            }
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (java.io.EOFException | java.net.SocketException e) {
            return Optional.of(new Received(null, 1006, "connection closed: " + e.getMessage()));
        }
    }

    /** The next frame of a type (skipping others, such as presence), or fails after the time. */
    Map<String, Object> until(String type, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Optional<Received> received = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (received.isEmpty()) {
                break;
            }
            if (received.get().isClose()) {
                throw new AssertionError("closed (" + received.get().closeCode() + " " + received.get().closeReason() + ") while waiting for " + type
                        + "; skipped " + skipped);
            }
            Map<String, Object> frame = received.get().json();
            if (type.equals(frame.get("type"))) {
                return frame;
            }
            skipped.add(received.get().text());
        }
        throw new AssertionError("no " + type + " frame within " + within + "; skipped " + skipped);
    }

    /** The close frame, skipping what comes before it. */
    Received closed(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Received> received = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (received.isPresent() && received.get().isClose()) {
                return received.get();
            }
        }
        throw new AssertionError("not closed within " + within);
    }

    /** Frames of the given types that arrive before the frame of type {@code marker} whose {@code id} is given. */
    List<Map<String, Object>> before(String marker, String id, String... types) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        while (true) {
            Received received = next(Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("no " + marker + " " + id));
            if (received.isClose()) {
                throw new AssertionError("closed (" + received.closeCode() + ") before " + marker);
            }
            Map<String, Object> frame = received.json();
            if (marker.equals(frame.get("type")) && id.equals(frame.get("id"))) {
                return found;
            }
            if (List.of(types).contains(frame.get("type"))) {
                found.add(frame);
            }
        }
    }

    /** Waits for the server's hello (sent once the socket listens), then signs in. */
    Map<String, Object> signIn(String token) throws IOException {
        until("hello", Duration.ofSeconds(10));
        send(Map.of("type", "auth", "token", token));
        return until("ready", Duration.ofSeconds(10));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
